package org.mproc.internal.spawn;

import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * One shutdown hook for everything the runtime holds in this process, installed when the first
 * step is registered, so the steps of leaving happen in order: first this process's connections to
 * objects hosted elsewhere are closed (their readers would hold up the JVM's exit, and what was
 * written to them is delivered all the same), then the children (daemon children terminated, every
 * child waited for), then this process's listener is closed, last the tree directory is removed
 * (by the root only). Separate hooks would run concurrently: a child still starting could find the
 * listener gone.
 *
 * <p>Every child has a second hook, {@code WorkerMain}'s {@code ExitReporter}, which runs
 * concurrently with this one: it only tells the parent of the orderly exit over the child's
 * connection to it and closes that connection, which none of these steps touch.
 */
public final class ExitSequence {
    enum Step { CONNECTIONS, CHILDREN, LISTENER, TREE }

    private static final List<List<Runnable>> STEPS = new ArrayList<>();

    static {
        for (int i = 0; i < Step.values().length; i++) {
            STEPS.add(new ArrayList<>());
        }
        // In the root group: a hook made in the caller's group cannot start if that group was
        // destroyed before the JVM exits, as mvn exec:java does with the application's group on
        // JDK 17 (G-PROC-11), and then no later hook of the JVM runs either.
        Runtime.getRuntime().addShutdownHook(new Thread(RuntimeThreads.root(), ExitSequence::run, "mproc-exit"));
    }

    private ExitSequence() {}

    static synchronized void register(Step step, Runnable action) {
        STEPS.get(step.ordinal()).add(action);
    }

    private static void run() {
        List<List<Runnable>> steps;
        synchronized (ExitSequence.class) {
            steps = new ArrayList<>();
            for (List<Runnable> actions : STEPS) {
                steps.add(new ArrayList<>(actions));
            }
        }
        for (List<Runnable> actions : steps) {
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException | LinkageError e) {
                    // One failing step must not keep the others from running (a LinkageError: a
                    // class first needed now, after a launcher closed its class loader).
                }
            }
        }
    }
}
