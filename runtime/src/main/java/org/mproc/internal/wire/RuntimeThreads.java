package org.mproc.internal.wire;

import java.util.concurrent.ThreadFactory;

/**
 * mproc's own threads — listeners, connection readers, output pumps, exit watchers, a pool's
 * dispatch: daemons in a thread group of their own under the root group, not in the group of
 * whichever application thread happened to need them first (G-PROC-11).
 *
 * <p>Why: launchers that run an application in a thread group of their own ({@code mvn exec:java})
 * interrupt every thread left in that group when {@code main} returns, and wait for each. An
 * interrupted reader closes its channel (a blocking NIO call does that), so a pool the program left
 * open would see its workers' connections drop, take that for their deaths and start replacements
 * while the JVM is leaving. Threads of their own group are left alone and end with the JVM, which
 * terminates daemon children in its exit sequence as it would after any {@code main}. (A
 * non-daemon child's keep-alive thread is the exception: it stays in the caller's group, so that
 * such a launcher waits for the child as the JVM itself would.)
 */
public final class RuntimeThreads {
    private static final ThreadGroup GROUP = new ThreadGroup(root(), "mproc");

    private RuntimeThreads() {}

    /** A daemon thread in mproc's group, not started. */
    public static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(GROUP, body, name);
        t.setDaemon(true);
        return t;
    }

    /** Makes {@link #daemon} threads named {@code name}. */
    public static ThreadFactory factory(String name) {
        return new Factory(name);
    }

    /** mproc's thread group, for thread subclasses. */
    public static ThreadGroup group() {
        return GROUP;
    }

    /** The root thread group, which lives as long as the JVM. */
    public static ThreadGroup root() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    private static final class Factory implements ThreadFactory {
        private final String name;

        Factory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable body) {
            return daemon(body, name);
        }
    }
}
