package org.mproc.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.CounterSubject;
import org.mproc.harness.subject.RealCounter;
import org.mproc.scenarios.trial.ManagerCounterTrial;

/**
 * Scenario 05c — the seed's section 5 without its race: an atomic update in the manager.
 *
 * <p><b>The question:</b> {@link Scenario05ManagerSharedState} loses increments because each child
 * reads the counter and writes it back in two calls. If the increment itself is sent to the
 * manager, does the parent always read 5? It does (G-MGR-3). Each child calls
 * {@code shared.updateAndGet("value", v -> v + 1)}: one round trip, carrying the function (a
 * serializable lambda that captures nothing). The server decodes the function, applies it to
 * the current value and stores the result, all while holding the namespace's lock, the same lock
 * every {@code get} and {@code set} on that namespace takes. No other call can come between the
 * read and the write, so no increment can be lost: five updates, five increments, whatever the
 * order. The parent prints the final value, as the seed does with {@code print(shared.value)}.
 *
 * <p><b>Graded</b> (G-HAR-1) by {@link ManagerCounterTrial}, like {@link Scenario05ManagerSharedState}:
 * the seed's shape by default, and under stress K = 4 children released together by a gate, m = 250
 * increments each. The increment goes through a {@link CounterSubject}, whose real implementation is
 * {@code updateAndGet}, so that a non-atomic one can be shown to fail (G-HAR-4). The bounds are
 * exact (G-MGR-3): every value an increment returns lies between the increments complete when it
 * began and those attempted when it returned, and the final value is K·m.
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 * <tr><td>{@code 5}</td><td>ACCEPTABLE</td><td>default: every increment counted</td></tr>
 * <tr><td>{@code all K·m increments kept}</td><td>ACCEPTABLE</td><td>stress: the final value is
 *     K·m = 1000 and every returned value within the exact bounds</td></tr>
 * <tr><td>anything else: {@code 1} … {@code 4}, {@code lost updates},
 *     {@code counter bounds violated: n reads}, a child that failed, a hang</td><td>FORBIDDEN</td>
 *     <td>an update was lost or never made: {@code updateAndGet} is not atomic</td></tr>
 * </table>
 *
 * <p>What differs from Python: CPython's managers have no atomic update. There, the fix is to hold
 * a manager lock around {@code shared.value += 1}; that is
 * {@link Scenario05bManagerLocked}. The function runs in
 * the server's JVM, so its class must be on the server's class path; the server is a child started
 * with this program's class path, so a lambda in this class qualifies.
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario05cManagerAtomic
 * 5
 * </pre>
 * The output never varies: 5 in each of 213 runs on the 2-core machine where this was written. A
 * run takes about 0.8 s, most of it starting the server's JVM and the five children's. As a graded
 * scenario, {@code scripts/harness run 05c --profile stress}: a default trial takes 0.9–1.5 s, a
 * stress trial 1–1.7 s (measured while other builds shared the machine).
 */
public final class Scenario05cManagerAtomic implements Scenario {
    private static final OutcomeTable OUTCOMES = OutcomeTable.builder()
            .exact("5", Grade.ACCEPTABLE, "every increment counted")
            .exact(ManagerCounterTrial.ALL_KEPT, Grade.ACCEPTABLE,
                    "every increment counted, every value in exact bounds")
            .regex(".*", Grade.FORBIDDEN, "an update was lost or never made: the increment is not atomic")
            .build();

    /** For {@link java.util.ServiceLoader}. */
    public Scenario05cManagerAtomic() {}

    @Override
    public String id() {
        return "05c";
    }

    @Override
    public String title() {
        return "The same increments made atomically in the manager's server: none is lost";
    }

    @Override
    public String seedSection() {
        return "§5 Using Manager for Shared State";
    }

    @Override
    public OutcomeTable outcomes() {
        return OUTCOMES;
    }

    @Override
    public Optional<Class<?>> subjectType() {
        return Optional.of(CounterSubject.class);
    }

    /** The stress shape's ({@link ManagerCounterTrial#DIMENSIONS}): increments per child (main), then children. */
    @Override
    public Dimensions dimensions() {
        return ManagerCounterTrial.DIMENSIONS;
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        CounterSubject counter = trial.subject(CounterSubject.class, RealCounter::new);
        return ManagerCounterTrial.run(trial, mgr -> shared -> counter.increment(shared, "value"), true);
    }

    /** {@code shared.value += 1} done by the server: one call, atomic. */
    static void update(Namespace shared) {
        shared.updateAndGet("value", (Integer v) -> v + 1);
    }

    public static void main(String[] args) throws InterruptedException {
        try (Manager mgr = Manager.start()) {
            Namespace shared = mgr.namespace();
            shared.set("value", 0);
            List<ChildProcess> procs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                procs.add(ChildProcess.builder().target(() -> update(shared)).build());
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
