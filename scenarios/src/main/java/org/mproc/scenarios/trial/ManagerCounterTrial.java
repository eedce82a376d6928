package org.mproc.scenarios.trial;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.ProcessQueue;
import org.mproc.harness.CounterCall;
import org.mproc.harness.CounterChecker;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.Scenario05ManagerSharedState;
import org.mproc.scenarios.Scenario05bManagerLocked;
import org.mproc.scenarios.Scenario05cManagerAtomic;

/**
 * One graded trial of the section-5 scenarios ({@link Scenario05ManagerSharedState} racy,
 * {@link Scenario05bManagerLocked} and {@link Scenario05cManagerAtomic} exact), which differ only
 * in how a child adds one to the counter {@code "value"} of a manager's namespace.
 *
 * <p>The default profile runs the seed's shape: five children, one increment each, and the outcome
 * is the final value. The stress profile starts {@value #K} children that wait at a gate until all
 * have started, then make {@value #M} increments each, recording every one as a {@link CounterCall}
 * with its start and end times and the value it read or produced; the parent adds its read of the
 * final value and {@link CounterChecker} judges the history (G-MGR-2 for the racy counter, G-MGR-3
 * for the exact ones). The stress shape's dimensions ({@link #DIMENSIONS}, G-HAR-6) are
 * {@code increments} per child (main, min 1) and {@code processes} (min 1); the seed's shape asks
 * for none, since its outcome is the final value itself.
 */
public final class ManagerCounterTrial {
    static final int K = 4;
    static final int M = 250;
    /** Increments per child (main), then children: what a failing stress trial shrinks. */
    public static final Dimensions DIMENSIONS = Dimensions.main("increments", 1).and("processes", 1);
    public static final String ALL_KEPT = "all K·m increments kept";
    public static final String LOST = "lost updates";
    public static final String VIOLATED = "counter bounds violated";
    private static final int SEED_CHILDREN = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One increment of {@code "value"}; returns the value it read (or, if atomic, produced). */
    public interface Increment extends Serializable {
        int apply(Namespace shared) throws Exception;
    }

    private ManagerCounterTrial() {}

    /**
     * @param increment given the trial's manager, what each child does to add one
     * @param exact     whether every increment must count (G-MGR-3) or lost updates are allowed (G-MGR-2)
     */
    public static Outcome run(TrialContext trial, Function<Manager, Increment> increment, boolean exact)
            throws InterruptedException {
        Manager mgr = Manager.start();
        try (TrialChildren children = new TrialChildren(PATIENCE)) {
            Namespace shared = mgr.namespace();
            shared.set("value", 0);
            Increment inc = increment.apply(mgr);
            if (!trial.stress()) {
                return seedShape(children, shared, inc);
            }
            int m = trial.dimension("increments", M);
            int k = trial.dimension("processes", K);
            return stress(children, shared, inc, exact, k, m);
        } catch (TrialChildren.Stopped e) {
            return Outcome.of(e.getMessage());
        } finally {
            TrialChildren.cleanUp(mgr::close); // after the children: none is left talking to it
        }
    }

    private static Outcome seedShape(TrialChildren children, Namespace shared, Increment inc)
            throws InterruptedException, TrialChildren.Stopped {
        for (int i = 0; i < SEED_CHILDREN; i++) {
            children.start("incrementer-" + i, () -> inc.apply(shared));
        }
        children.joinAll();
        return Outcome.of(String.valueOf(shared.<Integer>get("value")));
    }

    private static Outcome stress(TrialChildren children, Namespace shared, Increment inc, boolean exact, int k, int m)
            throws InterruptedException, TrialChildren.Stopped {
        ProcessQueue<Integer> ready = ProcessQueue.create();
        ProcessQueue<Integer> go = ProcessQueue.create();
        ProcessQueue<List<CounterCall>> results = ProcessQueue.create();
        try {
            for (int i = 0; i < k; i++) {
                String name = "incrementer-" + i;
                children.start(name, () -> increments(name, shared, inc, m, ready, go, results));
            }
            for (int i = 0; i < k; i++) {
                children.await(ready);
            }
            for (int i = 0; i < k; i++) {
                go.put(i); // the gate opens only once every child has started and is waiting
            }
            List<CounterCall> calls = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                calls.addAll(children.await(results));
            }
            children.joinAll();
            long start = System.nanoTime();
            int last = shared.<Integer>get("value");
            calls.add(CounterCall.read("parent", last, start, System.nanoTime()));
            return judge(calls, last, exact, k * m);
        } finally {
            TrialChildren.cleanUp(ready::close, go::close, results::close);
        }
    }

    static void increments(String name, Namespace shared, Increment inc, int m, ProcessQueue<Integer> ready,
            ProcessQueue<Integer> go, ProcessQueue<List<CounterCall>> results) throws Exception {
        ready.put(1);
        go.take();
        List<CounterCall> calls = new ArrayList<>(2 * m);
        for (int i = 0; i < m; i++) {
            long invoked = System.nanoTime();
            int seen = inc.apply(shared);
            long ended = System.nanoTime();
            calls.add(CounterCall.increment(name, 1, invoked, ended));
            calls.add(CounterCall.read(name, seen, invoked, ended));
        }
        results.put(calls);
    }

    /**
     * The racy bounds first (every read in [0, attempted], the final value in [1, K·m]), which no
     * counter may break; then whether all increments counted, and for an exact counter whether
     * every read saw at least the increments complete when it began.
     */
    private static Outcome judge(List<CounterCall> calls, int last, boolean exact, int attempted) {
        List<String> violations = new ArrayList<>(CounterChecker.check(calls, false));
        if (last < 1 || last > attempted) {
            violations.add("final value " + last + " outside [1, " + attempted + "]");
        }
        if (violations.isEmpty() && last < attempted) {
            return Outcome.of(LOST);
        }
        if (violations.isEmpty() && exact) {
            violations.addAll(CounterChecker.check(calls, true));
        }
        return violations.isEmpty() ? Outcome.of(ALL_KEPT)
                : Outcome.of(VIOLATED + ": " + violations.size() + (violations.size() == 1 ? " read" : " reads"));
    }
}
