package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mproc.ChildProcess;
import org.mproc.Namespace;
import org.mproc.ProcessQueue;
import org.mproc.SharedLock;
import org.mproc.harness.CounterCall;
import org.mproc.harness.CounterChecker;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/**
 * Counter bounds checked Jepsen-style over histories recorded in real processes: with the lock or
 * {@code updateAndGet} every read lies between the increments known complete and those attempted
 * (G-MGR-3); read-then-write stays within [0, attempted] but breaks the exact bounds once an update
 * is lost (G-MGR-2), which also shows the check can fail.
 */
class ManagerCounterBoundsTest {
    private static final int PROCESSES = 3;
    private static final int INCREMENTS = 120;
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    enum Way { ATOMIC, LOCKED, RACY }

    /** Increments {@code INCREMENTS} times the given way, reading after every fifth; returns its history. */
    static ArrayList<CounterCall> work(String me, Way way, Namespace ns, SharedLock lock) throws InterruptedException {
        ArrayList<CounterCall> calls = new ArrayList<>();
        for (int i = 0; i < INCREMENTS; i++) {
            long start = System.nanoTime();
            switch (way) {
                case ATOMIC -> ns.updateAndGet("counter", (Integer v) -> v + 1);
                case LOCKED -> {
                    try (SharedLock.Held held = lock.acquire()) {
                        assertFalse(held.abandoned(), "no holder died in this test");
                        ns.set("counter", ns.<Integer>get("counter") + 1);
                    }
                }
                case RACY -> ns.set("counter", ns.<Integer>get("counter") + 1);
            }
            calls.add(CounterCall.increment(me, 1, start, System.nanoTime()));
            if (i % 5 == 4) {
                long readStart = System.nanoTime();
                int value = ns.get("counter");
                calls.add(CounterCall.read(me, value, readStart, System.nanoTime()));
            }
        }
        return calls;
    }

    private static List<CounterCall> run(Way way) throws Exception {
        Namespace ns = MANAGER.get().namespace();
        SharedLock lock = MANAGER.get().lock();
        ns.set("counter", 0);
        ProcessQueue<ArrayList<CounterCall>> histories = ProcessQueue.create();
        List<CounterCall> all = new ArrayList<>();
        try (Reaper reaper = new Reaper()) {
            for (int k = 0; k < PROCESSES; k++) {
                String me = way + "-" + k;
                reaper.start(new ChildProcess(me, () -> histories.put(work(me, way, ns, lock))));
            }
            for (int k = 0; k < PROCESSES; k++) {
                ArrayList<CounterCall> part = histories.poll(Delays.LONG);
                assertTrue(part != null, "a child never sent its history");
                all.addAll(part);
            }
        }
        long start = System.nanoTime();
        int last = ns.get("counter");
        all.add(CounterCall.read("parent", last, start, System.nanoTime()));
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = Way.class, names = {"ATOMIC", "LOCKED"})
    @Tag("G-MGR-3")
    void exactIncrementsKeepEveryReadWithinTheBounds(Way way) throws Exception {
        List<CounterCall> history = run(way);
        List<String> violations = CounterChecker.check(history, true);
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        assertEquals(PROCESSES * INCREMENTS, history.get(history.size() - 1).amount());
    }

    @Test
    @Tag("G-MGR-2")
    void racyIncrementsStayInTheLooseBoundsAndBreakTheExactOnesOnceAnUpdateIsLost() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<CounterCall> history = run(Way.RACY);
            List<String> loose = CounterChecker.check(history, false);
            assertTrue(loose.isEmpty(), String.join("\n", loose));
            long last = history.get(history.size() - 1).amount();
            assertTrue(last >= 1 && last <= PROCESSES * INCREMENTS, "final " + last);
            if (last < PROCESSES * INCREMENTS) {
                assertFalse(CounterChecker.check(history, true).isEmpty(),
                        "a lost update (final " + last + ") must break the exact bounds");
                return;
            }
        }
        throw new AssertionError("no lost update in 5 rounds of " + PROCESSES + " × " + INCREMENTS + " racy increments");
    }
}
