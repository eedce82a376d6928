package org.mproc.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jepsen's counter check over a history of increments and reads on one shared counter. For an
 * exact counter (G-MGR-3: increments under a lock, or atomic) every read must lie between the
 * increments known complete when the read began and the increments attempted by the time it
 * returned. For the racy one (G-MGR-2: read then write, two calls) lost updates are allowed, so
 * only {@code 0 ≤ read ≤ attempted} is checked.
 *
 * <pre>{@code
 * List<String> violations = CounterChecker.check(calls, true);
 * assertTrue(violations.isEmpty(), String.join("\n", violations));
 * }</pre>
 *
 * Increments are assumed positive. An increment that never returned counts as attempted from its
 * invocation on, never as complete.
 */
public final class CounterChecker {
    private CounterChecker() {}

    /** The reads that break the bounds, described; empty when the history is valid. */
    public static List<String> check(List<CounterCall> calls, boolean exact) {
        List<CounterCall> increments = new ArrayList<>();
        for (CounterCall c : calls) {
            if (!c.read()) {
                if (c.amount() < 0) {
                    throw new IllegalArgumentException("increments must be positive: " + c);
                }
                increments.add(c);
            }
        }
        long[] completedAt = increments.stream().filter(CounterCall::completed).mapToLong(CounterCall::ended).sorted().toArray();
        long[] completedSums = prefixSums(increments.stream().filter(CounterCall::completed)
                .sorted((a, b) -> Long.compare(a.ended(), b.ended())).mapToLong(CounterCall::amount).toArray());
        List<CounterCall> byInvocation = new ArrayList<>(increments);
        byInvocation.sort((a, b) -> Long.compare(a.invoked(), b.invoked()));
        long[] invokedAt = byInvocation.stream().mapToLong(CounterCall::invoked).toArray();
        long[] invokedSums = prefixSums(byInvocation.stream().mapToLong(CounterCall::amount).toArray());

        List<String> violations = new ArrayList<>();
        for (CounterCall r : calls) {
            if (!r.read() || !r.completed()) {
                continue;
            }
            long lower = exact ? sumBefore(completedAt, completedSums, r.invoked()) : 0;
            long upper = sumBefore(invokedAt, invokedSums, r.ended() + 1);
            if (r.amount() < lower || r.amount() > upper) {
                violations.add("read of " + r.amount() + " by " + r.process() + " outside [" + lower + ", " + upper
                        + "]: " + lower + " known complete when it began, " + upper + " attempted when it returned");
            }
        }
        return violations;
    }

    private static long[] prefixSums(long[] amounts) {
        long[] sums = new long[amounts.length + 1];
        for (int i = 0; i < amounts.length; i++) {
            sums[i + 1] = sums[i] + amounts[i];
        }
        return sums;
    }

    /** The sum of the amounts whose time is strictly before {@code t}. */
    private static long sumBefore(long[] times, long[] sums, long t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && times[i - 1] == t) {
                i--;
            }
        }
        return sums[i];
    }
}
