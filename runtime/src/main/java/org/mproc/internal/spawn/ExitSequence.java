package org.mproc.internal.spawn;

import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.wire.RuntimeThreads;
import org.mproc.JvmShutdownException;

/**
 * One shutdown hook for everything the runtime holds in this process, installed when the first
 * step is registered, so the steps of leaving happen in order: first the calls in flight are
 * cancelled (a pool's, so that the end of its workers below is not taken for their death), then
 * this process's connections to objects hosted elsewhere are closed (their readers would hold up
 * the JVM's exit, and what was written to them is delivered all the same), then the children
 * (daemon children terminated, every child waited for), then this process's listener is closed,
 * last the tree directory is removed (by the root only). Separate hooks would run concurrently: a
 * child still starting could find the listener gone.
 *
 * <p>The hook runs whatever starts the shutdown — {@code System.exit}, the end of the last
 * non-daemon thread, SIGTERM, SIGINT or SIGHUP — and {@link #shuttingDown()} turns true first
 * thing, so that from then on nothing new is started (G-PROC-11).
 *
 * <p>Every child has a second hook, {@code WorkerMain}'s {@code ExitReporter}, which runs
 * concurrently with this one: it only tells the parent of the orderly exit over the child's
 * connection to it and closes that connection, which none of these steps touch.
 */
public final class ExitSequence {
    /** The steps, in the order they run. */
    public enum Step { CALLS, CONNECTIONS, CHILDREN, LISTENER, TREE }

    private static final List<List<Runnable>> STEPS = new ArrayList<>();
    private static volatile boolean shuttingDown;
    /**
     * Loaded now, not first from the hook: {@code mvn exec:java} closes the application's class
     * loader before the JVM exits, and a class first loaded after that is a NoClassDefFoundError.
     */
    private static final Class<?> REFUSAL = JvmShutdownException.class;

    static {
        for (int i = 0; i < Step.values().length; i++) {
            STEPS.add(new ArrayList<>());
        }
        try {
            // In the root group: a hook made in the caller's group cannot start if that group was
            // destroyed before the JVM exits, as mvn exec:java does with the application's group on
            // JDK 17 (G-PROC-11), and then no later hook of the JVM runs either.
            Runtime.getRuntime().addShutdownHook(new Thread(RuntimeThreads.root(), ExitSequence::run, "mproc-exit"));
        } catch (IllegalStateException alreadyShuttingDown) {
            // mproc was first used from another shutdown hook: nothing may start now.
            shuttingDown = true;
        }
    }

    private ExitSequence() {}

    public static synchronized void register(Step step, Runnable action) {
        STEPS.get(step.ordinal()).add(action);
    }

    /** True once this JVM has begun to shut down, whatever the cause (G-PROC-11). */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    /** The failure of {@code what} (a call, a child's start) because this JVM is shutting down. */
    public static JvmShutdownException refusal(String what) {
        return new JvmShutdownException(what + " because this JVM is shutting down");
    }

    private static void run() {
        shuttingDown = true;
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
