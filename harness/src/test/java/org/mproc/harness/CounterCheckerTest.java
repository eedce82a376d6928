package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {

    private static CounterCall inc(long from, long to) {
        return CounterCall.increment("p", 1, from, to);
    }

    private static CounterCall read(long value, long from, long to) {
        return CounterCall.read("q", value, from, to);
    }

    @Test
    void sequentialHistoriesMustReadExactly() {
        assertTrue(CounterChecker.check(List.of(inc(0, 1), read(1, 2, 3)), true).isEmpty());
        List<String> stale = CounterChecker.check(List.of(inc(0, 1), read(0, 2, 3)), true);
        assertEquals(1, stale.size());
        assertTrue(stale.get(0).contains("outside [1, 1]"), stale.get(0));
        assertEquals(1, CounterChecker.check(List.of(inc(0, 1), read(2, 2, 3)), true).size(), "from the future");
    }

    @Test
    void aReadConcurrentWithAnIncrementMaySeeItOrNot() {
        for (long seen : new long[] {0, 1}) {
            assertTrue(CounterChecker.check(List.of(inc(0, 10), read(seen, 5, 6)), true).isEmpty());
        }
        assertEquals(1, CounterChecker.check(List.of(inc(0, 10), read(2, 5, 6)), true).size());
        assertEquals(1, CounterChecker.check(List.of(inc(7, 10), read(1, 5, 6)), true).size(), "invoked after the read");
    }

    @Test
    void anIncrementOfUnknownOutcomeIsAttemptedButNeverComplete() {
        CounterCall unknown = CounterCall.increment("p", 1, 0, Long.MAX_VALUE);
        assertTrue(CounterChecker.check(List.of(unknown, read(0, 5, 6)), true).isEmpty());
        assertTrue(CounterChecker.check(List.of(unknown, read(1, 5, 6)), true).isEmpty());
        assertEquals(1, CounterChecker.check(List.of(unknown, read(2, 5, 6)), true).size());
    }

    @Test
    void theRacyCounterMayLoseUpdatesButNeverInvent() {
        List<CounterCall> lost = List.of(inc(0, 1), inc(2, 3), read(1, 4, 5));
        assertTrue(CounterChecker.check(lost, false).isEmpty(), "a lost update is allowed when racy");
        assertEquals(1, CounterChecker.check(lost, true).size(), "and caught when the counter should be exact");
        assertEquals(1, CounterChecker.check(List.of(inc(0, 1), read(3, 4, 5)), false).size());
    }

    @Test
    void malformedCallsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CounterCall.read("q", 0, 5, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CounterChecker.check(List.of(CounterCall.increment("p", -1, 0, 1)), true));
    }
}
