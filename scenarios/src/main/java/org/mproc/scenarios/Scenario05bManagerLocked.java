package org.mproc.scenarios;

import java.util.ArrayList;
import java.util.List;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.SharedLock;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.trial.ManagerCounterTrial;

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
 * <p><b>Graded</b> (G-HAR-1) by {@link ManagerCounterTrial}, like {@link Scenario05ManagerSharedState}:
 * the seed's shape by default, and under stress K = 4 children released together by a gate, m = 250
 * locked increments each. Here the bounds are exact (G-MGR-3): every read, made under the lock, lies
 * between the increments complete when it began and those attempted when it returned, and the final
 * value is K·m.
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 * <tr><td>{@code 5}</td><td>ACCEPTABLE</td><td>default: every increment counted</td></tr>
 * <tr><td>{@code all K·m increments kept}</td><td>ACCEPTABLE</td><td>stress: the final value is
 *     K·m = 1000 and every read within the exact bounds</td></tr>
 * <tr><td>anything else: {@code 1} … {@code 4}, {@code lost updates},
 *     {@code counter bounds violated: n reads}, a child that failed, a hang</td><td>FORBIDDEN</td>
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
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario05bManagerLocked
 * 5
 * </pre>
 * The output never varies. A run takes about as long as 05's: most of it is starting the server's
 * JVM and the five children's. As a graded scenario, {@code scripts/harness run 05b --profile stress}:
 * a default trial takes about 0.8 s, a stress trial about 1.3 s (measured while other builds shared
 * the machine).
 */
public final class Scenario05bManagerLocked implements Scenario {
    private static final OutcomeTable OUTCOMES = OutcomeTable.builder()
            .exact("5", Grade.ACCEPTABLE, "every increment counted")
            .exact(ManagerCounterTrial.ALL_KEPT, Grade.ACCEPTABLE,
                    "every increment counted, every read in exact bounds")
            .regex(".*", Grade.FORBIDDEN, "two children were inside the lock at once: the lock does not exclude")
            .build();

    /** For {@link java.util.ServiceLoader}. */
    public Scenario05bManagerLocked() {}

    @Override
    public String id() {
        return "05b";
    }

    @Override
    public String title() {
        return "The same increments under the manager's lock: none is lost";
    }

    @Override
    public String seedSection() {
        return "§5 Using Manager for Shared State";
    }

    @Override
    public OutcomeTable outcomes() {
        return OUTCOMES;
    }

    /** The stress shape's ({@link ManagerCounterTrial#DIMENSIONS}): increments per child (main), then children. */
    @Override
    public Dimensions dimensions() {
        return ManagerCounterTrial.DIMENSIONS;
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        return ManagerCounterTrial.run(trial, mgr -> {
            SharedLock lock = mgr.lock();
            return shared -> increment(lock, shared);
        }, true);
    }

    /**
     * {@code shared.value += 1}, with the manager's lock held across the read and the write. Returns
     * the value it read.
     */
    static int increment(SharedLock lock, Namespace shared) throws InterruptedException {
        try (SharedLock.Held held = lock.acquire()) {
            if (held.abandoned()) { // no holder dies in this scenario: an abandoned lock is a bug
                throw new IllegalStateException("the lock was released by a holder's death");
            }
            int read = shared.<Integer>get("value");
            shared.set("value", read + 1);
            return read;
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
