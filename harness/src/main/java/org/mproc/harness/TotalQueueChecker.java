package org.mproc.harness;

import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;

/**
 * Judges a {@link QueueHistory} against G-QUEUE-1 of {@code GUARANTEES.md}: every element put is
 * taken exactly once (nothing lost, nothing duplicated, nothing unexpected), and elements from one
 * producing thread arrive in the order put. A result is {@link TotalQueueResult#valid() valid} only
 * if the history shows none of these failures; a duplicate fails the check, unlike Jepsen's
 * {@code total-queue}, whose {@code :valid?} ignores {@code :duplicated}.
 *
 * <pre>{@code
 * QueueHistory history = new QueueHistory();
 * // ... producers and consumers record every call, then the queue is drained ...
 * TotalQueueResult result = TotalQueueChecker.check(history);
 * assertTrue(result.valid(), result::describe);
 * }</pre>
 *
 * <p>Counting follows Jepsen's multisets, with values compared by {@code equals}: a value put twice
 * and taken twice is fine, taken three times is one duplicate. Attempts are all invoked puts,
 * acknowledged the {@code OK} ones, and takes the {@code OK} takes. Then delivered = takes ∩
 * attempts; unexpected = takes of values never attempted; duplicated = takes beyond the attempts of
 * their value; lost = acknowledged beyond the takes of their value; recovered = delivered beyond the
 * acknowledged, that is puts that failed or timed out and still arrived, which is allowed. Loss can
 * only be told once the queue is empty: {@link #check} assumes the history ends with a drain,
 * {@link #checkUndrained} reports what was not taken without failing on it.
 *
 * <p>FIFO is judged per pair of producing thread and consuming thread: a violation is a put of
 * {@code a} acknowledged before the put of {@code b} was invoked, both taken by the same consuming
 * thread, whose take of {@code b} returned before its take of {@code a} began. Across consumers no
 * order can be judged: a take ends when the element has crossed the consumer's own connection and
 * been recorded in its own process, so an element handed first to a slow consumer may be recorded
 * after a later one handed to a fast consumer, and G-QUEUE-1 promises nothing about that. The
 * check needs to know which put a take matches, so it judges only values put once in the whole
 * history; puts of repeated values are counted in {@link TotalQueueResult#fifoUnchecked()}.
 * Producers that want their order checked put distinct values, such as their name and a counter.
 */
public final class TotalQueueChecker {
    private TotalQueueChecker() {}

    /** Checks a history that ends with the queue drained: an acknowledged element not taken is lost. */
    public static TotalQueueResult check(QueueHistory history) {
        return check(history, true);
    }

    /**
     * Checks a history that may end with elements still in the queue: they are reported in
     * {@link TotalQueueResult#lost()} but do not make the result invalid.
     */
    public static TotalQueueResult checkUndrained(QueueHistory history) {
        return check(history, false);
    }

    private static TotalQueueResult check(QueueHistory history, boolean drained) {
        var calls = history.calls();
        ValueCounts attempts = new ValueCounts();
        ValueCounts acknowledged = new ValueCounts();
        ValueCounts taken = new ValueCounts();
        int unknownTakes = 0;
        for (QueueCall c : calls) {
            if (c.type() == Type.PUT) {
                attempts.add(c.value());
                if (c.outcome() == Phase.OK) {
                    acknowledged.add(c.value());
                }
            } else if (c.outcome() == Phase.OK) {
                taken.add(c.value());
            } else if (c.outcome() == Phase.INFO) {
                unknownTakes++;
            }
        }
        ValueCounts delivered = taken.min(attempts);
        ValueCounts unexpected = taken.absentFrom(attempts);
        ValueCounts duplicated = taken.minus(attempts).minus(unexpected);
        FifoCheck.Outcome fifo = FifoCheck.check(calls);
        return new TotalQueueResult(drained, attempts.size(), acknowledged.size(), delivered.size(),
                acknowledged.minus(taken).toList(), duplicated.toList(), unexpected.toList(),
                delivered.minus(acknowledged).toList(), fifo.violations(), fifo.unchecked(), unknownTakes);
    }
}
