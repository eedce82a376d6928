package org.mproc.scenarios.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.Profile;

/** The scenarios' own checkers on hand-made results: map order and exception equality. */
class ScenarioCheckersTest {
    private static final long WORKER = 1;
    private static final List<Integer> EXPECTED = List.of(1, 4, 9, 16);

    private static List<TimedResult<Integer>> results(List<Integer> values, long... doneNanos) {
        List<TimedResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            results.add(new TimedResult<>(values.get(i), WORKER, doneNanos[i]));
        }
        return results;
    }

    private static String check(List<TimedResult<Integer>> actual) {
        return MapOrderCheck.check(EXPECTED, actual).key();
    }

    @Test
    @Tag("G-HAR-4")
    void mapOrderTellsOrderFromCompletionOrder() {
        assertEquals(MapOrderCheck.SAME, check(results(EXPECTED, 10, 20, 30, 40)));
        assertEquals(MapOrderCheck.DIFFERED, check(results(EXPECTED, 10, 40, 30, 20)));
        assertEquals(MapOrderCheck.OUT_OF_ORDER, check(results(List.of(4, 1, 9, 16), 10, 20, 30, 40)));
        assertEquals(MapOrderCheck.WRONG_VALUES, check(results(List.of(1, 4, 9, 17), 10, 20, 30, 40)));
        assertEquals(MapOrderCheck.MISSING, check(results(List.of(1, 4, 9), 10, 20, 30)));
        assertEquals(MapOrderCheck.EXTRA, check(results(List.of(1, 4, 9, 16, 16), 10, 20, 30, 40, 50)));
    }

    @Test
    @Tag("G-HAR-4")
    void aMapComputedInTheCallerIsCaught() {
        List<TimedResult<Integer>> local = new ArrayList<>(results(EXPECTED, 10, 20, 30, 40));
        local.set(2, new TimedResult<>(9, ProcessHandle.current().pid(), 30));
        assertEquals(MapOrderCheck.IN_CALLER, check(local));
    }

    @Test
    void mapOrderOutcomesAreGradedAsDeclared() {
        assertEquals(Grade.FORBIDDEN, MapOrderCheck.outcomes().rowFor(Outcome.of(MapOrderCheck.OUT_OF_ORDER)).orElseThrow().grade());
        assertEquals(Grade.REQUIRED, MapOrderCheck.outcomes().rowFor(Outcome.of(MapOrderCheck.DIFFERED)).orElseThrow()
                .gradeUnder(Profile.STRESS));
    }

    static void risky() {
        throw new RuntimeException(Scenario06Expected.MESSAGE);
    }

    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("nothing thrown");
    }

    @Test
    @Tag("G-HAR-4")
    void exceptionEqualityComparesClassMessageAndTopFrame() {
        Class<?> here = ScenarioCheckersTest.class;
        assertEquals(Optional.empty(), Scenario06Expected.difference(thrownBy(ScenarioCheckersTest::risky), here, "risky"));
        String subclass = Scenario06Expected.difference(new IllegalStateException("Oops!"), here, "risky").orElseThrow();
        assertTrue(subclass.contains("IllegalStateException"), subclass);
        String message = Scenario06Expected.difference(new RuntimeException("Oops"), here, "risky").orElseThrow();
        assertTrue(message.contains("'Oops'"), message);
        String frame = Scenario06Expected.difference(thrownBy(ScenarioCheckersTest::risky), here, "other").orElseThrow();
        assertTrue(frame.contains("top frame is " + here.getName() + ".risky"), frame);
        RuntimeException bare = new RuntimeException("Oops!");
        bare.setStackTrace(new StackTraceElement[0]);
        assertEquals(Optional.of("it has no stack frames"), Scenario06Expected.difference(bare, here, "risky"));
    }
}
