package org.mproc.scenarios.trial;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;

/**
 * The map-order check shared by scenarios 02 and 04 (G-POOL-1): a map's results against the
 * sequential answer {@code [f(x) for x in xs]}, then, from the workers' completion times, whether
 * they finished in another order than the one {@code map} handed back — the evidence that keeping
 * input order was work, not luck.
 *
 * <pre>{@code
 * Outcome o = MapOrderCheck.check(List.of(1, 4, 9), results);   // "in input order, completion order same"
 * }</pre>
 */
public final class MapOrderCheck {
    static final String DIFFERED = "in input order, completion order differed";
    static final String SAME = "in input order, completion order same";
    static final String OUT_OF_ORDER = "out of input order";
    static final String WRONG_VALUES = "wrong values";
    static final String MISSING = "missing results";
    static final String EXTRA = "extra results";
    static final String IN_CALLER = "computed in the caller, not in workers";

    private MapOrderCheck() {}

    /** The rows of 02 and 04; the race is REQUIRED only under stress, where the shape makes it certain. */
    public static OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(DIFFERED, Grade.INTERESTING, "workers finished out of order and map still returned input order")
                .underStress(Grade.REQUIRED)
                .exact(SAME, Grade.ACCEPTABLE, "results in input order; the workers happened to finish in that order too")
                .exact(OUT_OF_ORDER, Grade.FORBIDDEN, "the right results in another order: completion order leaked out")
                .exact(WRONG_VALUES, Grade.FORBIDDEN, "as many results as inputs, but not the sequential answer")
                .exact(MISSING, Grade.FORBIDDEN, "fewer results than inputs")
                .exact(EXTRA, Grade.FORBIDDEN, "more results than inputs")
                .exact(IN_CALLER, Grade.FORBIDDEN, "the right answer, but computed in the calling process")
                .build();
    }

    /**
     * Grades one map.
     *
     * @param expected the sequential answer, in input order
     * @param actual   what the map returned
     */
    public static <R> Outcome check(List<R> expected, List<TimedResult<R>> actual) {
        if (actual.size() != expected.size()) {
            return Outcome.of(actual.size() < expected.size() ? MISSING : EXTRA);
        }
        List<R> values = actual.stream().map(r -> r == null ? null : r.value()).collect(Collectors.toList());
        if (!values.equals(expected)) {
            return Outcome.of(counts(values).equals(counts(expected)) ? OUT_OF_ORDER : WRONG_VALUES);
        }
        long caller = ProcessHandle.current().pid();
        if (actual.stream().anyMatch(r -> r.pid() == caller)) {
            return Outcome.of(IN_CALLER);
        }
        return Outcome.of(completedOutOfOrder(actual) ? DIFFERED : SAME);
    }

    /** Whether some input finished before an earlier one: completion times not ascending in input order. */
    private static boolean completedOutOfOrder(List<? extends TimedResult<?>> results) {
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).doneNanos() < results.get(i - 1).doneNanos()) {
                return true;
            }
        }
        return false;
    }

    private static <R> Map<R, Integer> counts(List<R> values) {
        Map<R, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }
}
