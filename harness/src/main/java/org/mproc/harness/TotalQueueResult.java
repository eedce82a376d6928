package org.mproc.harness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link TotalQueueChecker} found in one history. {@link #valid()} holds when nothing
 * acknowledged was lost (judged only if the queue was drained), nothing was taken more often than it
 * was put, nothing was taken that was never put, and no producing thread's order was seen reversed
 * by a consuming thread. Value lists are multisets in order of first appearance; a count of 2 in
 * {@code duplicated} means two takes too many.
 *
 * <pre>{@code
 * TotalQueueResult result = TotalQueueChecker.check(history);
 * assertTrue(result.valid(), result::describe);
 * }</pre>
 *
 * @param drained        whether the history ends with the queue emptied, so that not taken means lost
 * @param attempted      puts invoked, whatever their outcome
 * @param acknowledged   puts that returned normally
 * @param delivered      successful takes matched by some put of an equal value
 * @param lost           acknowledged but never taken
 * @param duplicated     taken more often than put: the surplus
 * @param unexpected     taken but never put
 * @param recovered      taken although their put failed or has no known outcome; allowed
 * @param fifoViolations pairs one producing thread put in order and one consuming thread took reversed
 * @param fifoUnchecked  delivered puts whose order was not judged: their value was put more than once
 * @param unknownTakes   takes with no known outcome; each may have removed an element now counted lost
 */
public record TotalQueueResult(boolean drained, int attempted, int acknowledged, int delivered,
        List<ValueCount> lost, List<ValueCount> duplicated, List<ValueCount> unexpected, List<ValueCount> recovered,
        List<FifoViolation> fifoViolations, int fifoUnchecked, int unknownTakes) {

    /** How many values the reports list before eliding the rest. */
    private static final int SHOWN = 5;

    public TotalQueueResult {
        lost = List.copyOf(lost);
        duplicated = List.copyOf(duplicated);
        unexpected = List.copyOf(unexpected);
        recovered = List.copyOf(recovered);
        fifoViolations = List.copyOf(fifoViolations);
    }

    /** A queue element and how many times it is counted. */
    public record ValueCount(Object value, int count) {
        @Override
        public String toString() {
            return count == 1 ? String.valueOf(value) : value + " (x" + count + ")";
        }
    }

    /**
     * {@code producer} put {@code first}, saw it acknowledged, then put {@code second}; {@code
     * consumer} took {@code second}, and only after that call returned began the take that got
     * {@code first}.
     */
    public record FifoViolation(String producer, String consumer, Object first, Object second) {
        @Override
        public String toString() {
            return producer + " put " + first + " then " + second + ", " + consumer + " took " + second + " first";
        }
    }

    /** No loss (if drained), no duplicate, no unexpected element, no FIFO violation. */
    public boolean valid() {
        return (!drained || lost.isEmpty()) && duplicated.isEmpty() && unexpected.isEmpty()
                && fifoViolations.isEmpty();
    }

    public int lostCount() {
        return total(lost);
    }

    public int duplicatedCount() {
        return total(duplicated);
    }

    public int unexpectedCount() {
        return total(unexpected);
    }

    public int recoveredCount() {
        return total(recovered);
    }

    /** A short report: the counts on one line, then the first few offending values of each kind. */
    public String describe() {
        StringBuilder s = new StringBuilder("total-queue ").append(valid() ? "valid" : "INVALID")
                .append(": attempted ").append(attempted).append(", acknowledged ").append(acknowledged)
                .append(", delivered ").append(delivered).append(", recovered ").append(recoveredCount())
                .append("; lost ").append(lostCount()).append(", duplicated ").append(duplicatedCount())
                .append(", unexpected ").append(unexpectedCount())
                .append("; FIFO violations ").append(fifoViolations.size());
        first(s, drained ? "lost" : "not taken yet (queue not drained, so not a failure)", lost);
        first(s, "duplicated", duplicated);
        first(s, "unexpected", unexpected);
        first(s, "FIFO", fifoViolations);
        if (fifoUnchecked > 0) {
            s.append("\n  FIFO not judged for ").append(fifoUnchecked)
                    .append(" delivered puts: their values were put more than once");
        }
        if (unknownTakes > 0 && !lost.isEmpty()) {
            s.append("\n  ").append(unknownTakes).append(" takes have an unknown outcome and may account for losses");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void first(StringBuilder s, String label, List<?> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append("\n  ").append(label).append(": ").append(items.stream().limit(SHOWN).map(String::valueOf)
                .collect(Collectors.joining(", ")));
        if (items.size() > SHOWN) {
            s.append(", ... (").append(items.size() - SHOWN).append(" more)");
        }
    }

    private static int total(List<ValueCount> values) {
        return values.stream().mapToInt(ValueCount::count).sum();
    }
}
