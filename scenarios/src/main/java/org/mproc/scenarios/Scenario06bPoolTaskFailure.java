package org.mproc.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.PoolFailureSubject;
import org.mproc.harness.subject.RealPoolFailure;
import org.mproc.scenarios.trial.Scenario06Expected;

/**
 * Scenario 06b — an exception raised in a pool task (the Pool variant of the seed's section 6).
 *
 * <p><b>The question:</b> when a task throws in a pool worker, does the caller hear of it? In
 * CPython {@code pool.apply} re-raises the task's exception in the parent. Here
 * {@link Pool#apply} throws {@link TaskFailedException}, whose cause is the task's exception
 * restored with its class, message and the worker's stack frames, and which names the task index
 * and the worker's pid (G-POOL-3). The worker catches the exception and lives on, so the pool stays
 * usable. A pool that swallowed the exception and handed back {@code null} would let the caller
 * carry on with a result that does not exist: the silent failure this scenario exists to forbid.
 *
 * <p><b>Graded</b> (G-HAR-1, G-HAR-4, G-POOL-3): each trial starts a {@code Pool(2)} and, through
 * the {@link PoolFailureSubject} under test (the real {@link Pool#apply} unless {@code --subject}
 * names another), applies {@link #task} to {@code -1}, which throws
 * {@code RuntimeException("Oops!")}; then applies it to 7, which must return 49 from the same pool.
 * The cause is compared by class, message and top frame ({@code task}); the exception must name
 * task index 0 and a worker pid other than the parent's. The stress profile makes 20 applies, a
 * random third of them failing (at least one; positions drawn from the trial's seed), and checks
 * every value and every failure, then the final apply.
 *
 * <p><b>Shape</b> (G-HAR-6), stress only (the default is the seed's one apply on {@code Pool(2)}):
 * {@code applies} (main, min 1; a trial always has at least one failing apply) and
 * {@code processes} (min 1).
 *
 * <table>
 *   <caption>Graded outcomes</caption>
 *   <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 *   <tr><td>{@code TaskFailedException caused by RuntimeException: Oops!}</td><td>REQUIRED</td>
 *       <td>every failing task failed its call with the task's own exception as cause; every other
 *       task returned its value, and the pool stayed usable</td></tr>
 *   <tr><td>{@code returned null}</td><td>FORBIDDEN</td><td>the exception was swallowed: a silent result</td></tr>
 *   <tr><td>{@code returned a value: …}</td><td>FORBIDDEN</td><td>a value for a task that threw</td></tr>
 *   <tr><td>{@code TaskFailedException, but …}</td><td>FORBIDDEN</td>
 *       <td>the cause's class, message or top frame, the task index or the worker pid is wrong</td></tr>
 *   <tr><td>{@code threw …}</td><td>FORBIDDEN</td><td>another exception than {@code TaskFailedException}</td></tr>
 *   <tr><td>{@code a succeeding task …}</td><td>FORBIDDEN</td>
 *       <td>a task that does not throw failed or returned a wrong value</td></tr>
 *   <tr><td>{@code pool broken after the failures: …}</td><td>FORBIDDEN</td>
 *       <td>the apply after the failures went wrong</td></tr>
 *   <tr><td>{@code hang: …}</td><td>FORBIDDEN</td><td>the trial did not end in time</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * There is no separate program (the seed's section 6 is {@link Scenario06ExceptionHandling}); it
 * runs graded, in the form of the replay command a failing run prints:
 * <pre>
 * $ scripts/harness run 06b --profile stress --seed 42 --budget 10s
 * $ scripts/harness run 06b --profile stress --seed 42 --budget 10s --subject org.mproc.scenarios.broken.SwallowingPool
 * </pre>
 * Measured through {@code ScenarioRunner} with 10 s budgets on the two-core machine under load:
 * default, 30 trials of about 0.33 s; stress, 21 trials of about 0.46 s; every one the required
 * outcome. With the swallowing pool (test code) the first trial observes {@code returned null}
 * and the run fails with exit code 1.
 */
public final class Scenario06bPoolTaskFailure implements Scenario {
    static final String EXPECTED = "TaskFailedException caused by " + Scenario06Expected.TEXT;
    static final String RETURNED_NULL = "returned null";
    private static final int STRESS_APPLIES = 20;
    private static final int AFTER = 7;
    private static final Dimensions SHAPE = Dimensions.main("applies", 1).and("processes", 1);

    /** For the harness (ServiceLoader). */
    public Scenario06bPoolTaskFailure() {}

    /** Throws for a negative {@code x}, else returns its square. */
    static Integer task(Integer x) {
        if (x < 0) {
            throw new RuntimeException("Oops!");
        }
        return x * x;
    }

    @Override
    public String id() {
        return "06b";
    }

    @Override
    public String title() {
        return "A pool task's exception reaches the caller as TaskFailedException, and the pool stays usable";
    }

    @Override
    public String seedSection() {
        return "§6 Exception Handling in Processes";
    }

    @Override
    public Optional<Class<?>> subjectType() {
        return Optional.of(PoolFailureSubject.class);
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(EXPECTED, Grade.REQUIRED,
                        "each throwing task failed its call with its own exception as cause (G-POOL-3); the others, "
                        + "and one after the failures, returned their values: the pool stayed usable")
                .exact(RETURNED_NULL, Grade.FORBIDDEN,
                        "the exception was swallowed: apply returned null for a task that threw (a silent result)")
                .regex("returned a value: .*", Grade.FORBIDDEN, "apply returned a value for a task that threw")
                .regex("TaskFailedException, but .*", Grade.FORBIDDEN,
                        "the cause's class, message or top frame, the task index or the worker pid is wrong (G-POOL-3)")
                .regex("threw .*", Grade.FORBIDDEN, "apply threw another exception than TaskFailedException")
                .regex("a succeeding task .*", Grade.FORBIDDEN,
                        "a task that does not throw failed or returned a wrong value")
                .regex("pool broken after the failures: .*", Grade.FORBIDDEN,
                        "the apply after the failures went wrong: the pool did not stay usable")
                .regex("hang: .*", Grade.FORBIDDEN, "the trial did not end in time")
                .build();
    }

    @Override
    public Dimensions dimensions() {
        return SHAPE;
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        PoolFailureSubject subject = trial.subject(PoolFailureSubject.class, RealPoolFailure::new);
        List<Integer> args = trial.stress()
                ? stressArguments(trial.random(), trial.dimension("applies", STRESS_APPLIES)) : List.of(-1);
        int processes = trial.stress() ? trial.dimension("processes", 2) : 2;
        Pool pool = subject.usesTheLocalPool() ? new Pool(processes) : null;
        try {
            for (Integer arg : args) {
                Optional<String> wrong = applyOnce(subject, pool, arg);
                if (wrong.isPresent()) {
                    return Outcome.of(wrong.get());
                }
            }
            return Outcome.of(after(subject, pool).map(w -> "pool broken after the failures: " + w).orElse(EXPECTED));
        } finally {
            if (pool != null && Thread.currentThread().isInterrupted()) {
                pool.terminate(); // prompt, where close() would wait for calls still running
            } else if (pool != null) {
                pool.close();
            } // with no local pool, the subject's own (a cluster's) outlives the trial
        }
    }

    /** {@code n} arguments (twenty unless shrunk), about a third of them negative (failing), at least one. */
    private static List<Integer> stressArguments(SplittableRandom random, int n) {
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(random.nextInt(3) == 0 ? -1 - random.nextInt(1000) : random.nextInt(1000));
        }
        int forced = random.nextInt(n);
        args.set(forced, -1 - Math.abs(args.get(forced)));
        return args;
    }

    private static Optional<String> applyOnce(PoolFailureSubject subject, Pool pool, Integer arg) {
        Object result;
        try {
            result = subject.apply(pool, Scenario06bPoolTaskFailure::task, arg);
        } catch (TaskFailedException e) {
            if (arg >= 0) {
                return Optional.of("a succeeding task threw TaskFailedException caused by "
                        + (e.getCause() == null ? "nothing" : e.getCause().getClass().getName()));
            }
            return wrongFailure(e).map(w -> "TaskFailedException, but " + w);
        } catch (RuntimeException e) {
            return Optional.of(arg >= 0 ? "a succeeding task threw " + e.getClass().getName()
                    : "threw " + e.getClass().getName() + " instead of TaskFailedException");
        }
        if (arg >= 0) {
            return Integer.valueOf(arg * arg).equals(result) ? Optional.empty()
                    : Optional.of("a succeeding task returned a wrong value");
        }
        return Optional.of(result == null ? RETURNED_NULL : "returned a value: " + firstLine(result));
    }

    /** What is wrong with a {@link TaskFailedException} for {@code task(-x)}, or empty. */
    private static Optional<String> wrongFailure(TaskFailedException e) {
        if (e.getCause() == null) {
            return Optional.of("it has no cause");
        }
        Optional<String> cause = Scenario06Expected.difference(e.getCause(), Scenario06bPoolTaskFailure.class, "task");
        if (cause.isPresent()) {
            return cause.map(c -> "the cause differs: " + c);
        }
        if (e.taskIndex() != 0) {
            return Optional.of("it names task index " + e.taskIndex() + " of a single apply");
        }
        if (e.workerPid() <= 0 || e.workerPid() == ProcessHandle.current().pid()) {
            return Optional.of("it names no worker pid");
        }
        return Optional.empty();
    }

    private static Optional<String> after(PoolFailureSubject subject, Pool pool) {
        try {
            Integer result = subject.apply(pool, Scenario06bPoolTaskFailure::task, AFTER);
            return Integer.valueOf(AFTER * AFTER).equals(result) ? Optional.empty()
                    : Optional.of("task(" + AFTER + ") returned " + firstLine(result) + ", not " + AFTER * AFTER);
        } catch (RuntimeException e) {
            return Optional.of("task(" + AFTER + ") threw " + e.getClass().getName());
        }
    }

    private static String firstLine(Object o) {
        return String.valueOf(o).lines().findFirst().orElse("(blank)");
    }
}
