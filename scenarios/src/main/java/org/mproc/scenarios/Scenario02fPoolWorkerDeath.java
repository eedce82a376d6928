package org.mproc.scenarios;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mproc.Pool;
import org.mproc.WorkerDiedException;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.MapSubject;
import org.mproc.harness.subject.RealMap;
import org.mproc.scenarios.trial.WorkerKill;

/**
 * Scenario 02f — a worker killed in the middle of a map (a fault variant of the seed's section 2).
 *
 * <p><b>The question:</b> while {@code map} runs, one task sends {@code SIGKILL} to its own worker.
 * Does the caller hear about it, or wait for a result that will never come? In CPython it waits
 * for ever (gh-66587: the pool replaces the dead worker but the lost task's result never arrives).
 * mproc fails the call with {@link WorkerDiedException}, naming the task that was running, the
 * worker's pid and how it ended ({@code killed by SIGKILL (-9)}), replaces the worker and stays
 * usable (G-POOL-5). A hang is the one thing this scenario exists to rule out.
 *
 * <p>Each trial starts a pool, maps quick tasks of which one, at a position drawn from the trial's
 * random source, runs {@code kill -9} on its own pid (only ever its own: {@link WorkerKill}), then
 * maps again on the same pool to see it still works. The default profile maps 6 items with chunk
 * size 1 over {@code Pool(2)}; the stress profile 60 items over {@code Pool(3)} with a chunk size
 * of 1–4, also drawn, so the dead worker may have been running a chunk of several tasks. A trial
 * that gives no outcome within {@link #trialTimeout()} is interrupted and counted as a hang.
 *
 * <p><b>Shape</b> (G-HAR-6): {@code items} (main, min 1), {@code chunksize} (min 1) and
 * {@code processes} (min 1). A hang does not depend on them, so a shrink takes each to its minimum
 * in one try, but each try that hangs costs the full trial timeout.
 *
 * <table>
 *   <caption>Outcomes (G-HAR-1), the same under both profiles</caption>
 *   <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 *   <tr><td>{@code WorkerDiedException (SIGKILL) for the killed task; next map succeeded}</td><td>REQUIRED</td>
 *       <td>the call failed naming the task and the signal; the pool replaced the worker</td></tr>
 *   <tr><td>{@code WorkerDiedException naming another task}</td><td>FORBIDDEN</td>
 *       <td>its task range does not hold the task that killed its worker</td></tr>
 *   <tr><td>{@code WorkerDiedException with another exit code}</td><td>FORBIDDEN</td>
 *       <td>the worker died of SIGKILL, reported as -9</td></tr>
 *   <tr><td>{@code WorkerDiedException, then the pool failed}</td><td>FORBIDDEN</td>
 *       <td>the next map on the same pool failed or returned wrong values</td></tr>
 *   <tr><td>{@code returned results}</td><td>FORBIDDEN</td>
 *       <td>map returned although a worker died running one of its tasks</td></tr>
 *   <tr><td><code>/hang: .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>no outcome within the trial timeout: CPython's hang</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ mvn -o -q -pl scenarios -am verify -Dtest=GradedScenariosTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * On the 2-core machine where this was written, busy with other builds (load average 14), a
 * default trial took 0.3–0.8 s and a stress trial 0.55–2.0 s, and all of about 80 trials ended
 * with the REQUIRED outcome. Against a pool that waits for ever after a death (the test subject
 * {@code broken.HangingMap}), the first trial is interrupted after 15 s and the run fails with
 * {@code forbidden outcome: hang: no outcome within 15s}. A failing run prints its replay command, e.g.
 * {@code scripts/harness run 02f --profile stress --seed 42 --budget 10s}.
 */
public final class Scenario02fPoolWorkerDeath implements Scenario {
    static final String DIED = "WorkerDiedException (SIGKILL) for the killed task; next map succeeded";
    static final String OTHER_TASK = "WorkerDiedException naming another task";
    static final String OTHER_EXIT = "WorkerDiedException with another exit code";
    static final String POOL_FAILED = "WorkerDiedException, then the pool failed";
    static final String RETURNED = "returned results";
    private static final OptionalInt SIGKILL = OptionalInt.of(-9);
    private static final List<Integer> AFTER = List.of(1, 2, 3, 4);
    private static final Dimensions SHAPE = Dimensions.main("items", 1).and("chunksize", 1).and("processes", 1);

    /** Used by ServiceLoader. */
    public Scenario02fPoolWorkerDeath() {}

    /** One input: a number to double, or, for the one marked, a kill of the worker running it. */
    record Item(int x, boolean kill, long callerPid) implements Serializable {}

    static Integer doubleOrDie(Item item) throws Exception {
        if (item.kill()) {
            WorkerKill.killSelf(item.callerPid());
        }
        return 2 * item.x();
    }

    static Integer twice(Integer x) {
        return 2 * x;
    }

    @Override
    public String id() {
        return "02f";
    }

    @Override
    public String title() {
        return "A worker killed mid-map fails the call with WorkerDiedException, never a hang";
    }

    @Override
    public String seedSection() {
        return "§2 Pool for Parallel Map";
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(DIED, Grade.REQUIRED, "the call failed naming the task and the signal; the pool replaced the worker")
                .exact(OTHER_TASK, Grade.FORBIDDEN, "its task range does not hold the task that killed its worker")
                .exact(OTHER_EXIT, Grade.FORBIDDEN, "the worker died of SIGKILL, which is reported as -9")
                .exact(POOL_FAILED, Grade.FORBIDDEN, "the next map on the same pool failed or returned wrong values")
                .exact(RETURNED, Grade.FORBIDDEN, "map returned although a worker died running one of its tasks")
                .regex("hang: .*", Grade.FORBIDDEN, "no outcome within the trial timeout: CPython's hang (gh-66587)")
                .build();
    }

    @Override
    public Optional<Class<?>> subjectType() {
        return Optional.of(MapSubject.class);
    }

    /** Generous for a pool start, a death and a second map on a busy machine; a hang fails this fast. */
    @Override
    public Duration trialTimeout() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Dimensions dimensions() {
        return SHAPE;
    }

    @Override
    public Outcome runOnce(TrialContext trial) {
        int n = trial.dimension("items", trial.stress() ? 60 : 6);
        int victim = trial.random().nextInt(n);
        int chunksize = trial.dimension("chunksize", trial.stress() ? 1 + trial.random().nextInt(4) : 1);
        int processes = trial.dimension("processes", trial.stress() ? 3 : 2);
        long caller = ProcessHandle.current().pid();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new Item(i, i == victim, caller));
        }
        MapSubject subject = trial.subject(MapSubject.class, RealMap::new);
        if (!subject.usesTheLocalPool()) {
            throw new IllegalArgumentException("02f kills the local worker running a task; subject "
                    + subject.getClass().getName() + " maps elsewhere and cannot be graded by it");
        }
        Pool pool = new Pool(processes);
        try {
            subject.map(pool, Scenario02fPoolWorkerDeath::doubleOrDie, items, chunksize);
            return Outcome.of(RETURNED);
        } catch (WorkerDiedException e) {
            return afterDeath(pool, e, victim);
        } finally {
            pool.terminate(); // after a death and on interruption too: no worker outlives the trial
        }
    }

    private static Outcome afterDeath(Pool pool, WorkerDiedException e, int victim) {
        if (victim < e.firstTaskIndex() || victim > e.lastTaskIndex()) {
            return Outcome.of(OTHER_TASK);
        }
        if (!SIGKILL.equals(e.exitCode())) {
            return Outcome.of(OTHER_EXIT);
        }
        try {
            List<Integer> again = pool.map(Scenario02fPoolWorkerDeath::twice, AFTER, 1);
            return Outcome.of(again.equals(List.of(2, 4, 6, 8)) ? DIED : POOL_FAILED);
        } catch (RuntimeException next) {
            return Outcome.of(POOL_FAILED);
        }
    }
}
