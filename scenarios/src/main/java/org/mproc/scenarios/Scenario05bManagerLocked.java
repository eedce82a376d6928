package org.mproc.scenarios;

import java.util.ArrayList;
import java.util.List;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.SharedLock;

/**
 * Scenario 05b — the seed's section 5 made exact the way CPython users do it: a manager lock
 * around {@code shared.value += 1}.
 *
 * <p><b>The question:</b> {@link Scenario05ManagerSharedState} loses increments because the read
 * and the write are two calls and another child can come between them. If each child holds a lock
 * from the manager across both calls, does the parent always read 5? It does (G-MGR-3): the lock
 * lives in the manager's server and admits one holder at a time, so each read-then-write runs
 * alone. Each child does
 * {@code try (SharedLock.Held held = lock.acquire()) { shared.set("value", shared.get("value") + 1); }}:
 * three round trips instead of one for {@link Scenario05cManagerAtomic}'s {@code updateAndGet},
 * but it works for any sequence of calls, not just one function of one value.
 *
 * <table>
 * <caption>Outcomes: the one line the parent prints</caption>
 * <tr><th>Printed</th><th>Grade</th><th>Meaning</th></tr>
 * <tr><td>{@code 5}</td><td>ACCEPTABLE</td><td>every increment counted</td></tr>
 * <tr><td>anything else: {@code 1} … {@code 4}, no line, an exception</td><td>FORBIDDEN</td>
 *     <td>two children were inside the lock at once: the lock does not exclude</td></tr>
 * </table>
 *
 * <p>What differs from Python: CPython's manager {@code Lock} stays held for ever if its holder
 * dies; here the server releases it and tells the next holder, through {@code held.abandoned()},
 * that the last one died inside (G-MGR-7).
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario05bManagerLocked
 * 5
 * </pre>
 * The output never varies. A run takes about as long as 05's: most of it is starting the server's
 * JVM and the five children's.
 */
public final class Scenario05bManagerLocked {
    private Scenario05bManagerLocked() {}

    /** {@code shared.value += 1}, with the manager's lock held across the read and the write. */
    static void increment(SharedLock lock, Namespace shared) throws InterruptedException {
        try (SharedLock.Held held = lock.acquire()) {
            shared.set("value", shared.<Integer>get("value") + 1);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        try (Manager mgr = Manager.start()) {
            Namespace shared = mgr.namespace();
            SharedLock lock = mgr.lock();
            shared.set("value", 0);
            List<ChildProcess> procs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                procs.add(ChildProcess.builder().target(() -> increment(lock, shared)).build());
            }
            for (ChildProcess p : procs) {
                p.start();
            }
            for (ChildProcess p : procs) {
                p.join();
            }
            System.out.println(shared.<Integer>get("value"));
        }
    }
}
