package org.mproc.internal.spawn;

import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mproc.ProcessTask;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.ExitFrame;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.HelloFrame;
import org.mproc.internal.wire.RunTaskFrame;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.codec.Codec;

/**
 * The child JVM's entry point, kept small because everything it loads is start-up time.
 * It reads the bootstrap from stdin, connects and authenticates, runs one task, reports how it
 * ended exactly once, and exits like CPython's {@code Process._bootstrap}: 0 on return, 1 on an
 * uncaught exception (printed as {@code Process <name>:} and the stack trace on stderr), or
 * whatever the task passed to {@code System.exit}.
 */
public final class WorkerMain {
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);

    private WorkerMain() {}

    public static void main(String[] args) {
        Connection parent;
        RunTaskFrame run;
        try {
            Attached attached = attach();
            parent = attached.parent();
            if (attached.role() == Bootstrap.Role.SPARE) {
                prepareToDecode();
            }
            Frame frame = parent.read();
            if (frame == null) {
                return; // the parent let us go before giving us work (an unused spare)
            }
            if (frame.type() != FrameTypes.RUN_TASK) {
                throw new IOException("expected RUN_TASK, got " + frame);
            }
            run = RunTaskFrame.from(frame);
            CurrentProcess.becomeChild(run.name(), attached.startedBy());
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc worker could not start: " + e);
            System.exit(2);
            return;
        }
        AtomicBoolean exiting = new AtomicBoolean();
        reportOrderlyExit(parent, exiting);
        watchParent(parent, exiting);
        int code = runTask(run, parent);
        awaitNonDaemonThreads();
        System.exit(code);
    }

    /** A child connected to its parent, what it was started as, and the pid of the process that started it. */
    public record Attached(Bootstrap.Role role, Connection parent, long startedBy) {}

    /**
     * The start every child shares, whatever its entry point: read the bootstrap from stdin, join
     * the process tree, connect, authenticate and say hello.
     */
    public static Attached attach() throws IOException {
        long startedBy = ParentWatch.parentPid(); // now, while the parent waits for this child: it is alive
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        Bootstrap bootstrap = Bootstrap.readFrom(stdin);
        ProcessTree.inherit(bootstrap.treeDirectory(), bootstrap.secret());
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Connection parent = Connection.connect(bootstrap.parentSocket(), bootstrap.secret(), CONNECT_DEADLINE);
        parent.send(new HelloFrame(bootstrap.token(), ownPid()).toFrame());
        return new Attached(bootstrap.role(), parent, startedBy);
    }

    /** What a long-lived child runs after {@link #attach()}; returns its exit code. */
    public interface Body {
        int run() throws IOException;
    }

    /**
     * Runs {@code body}, then exits with its code once the non-daemon threads are done; the parent
     * hears of the orderly exit exactly once, whatever path leads to it.
     */
    public static void runAndExit(Connection parent, String what, Body body) {
        AtomicBoolean exiting = new AtomicBoolean();
        reportOrderlyExit(parent, exiting);
        int code;
        try {
            code = body.run();
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc " + what + " failed: " + e);
            code = 2;
        }
        awaitNonDaemonThreads();
        System.exit(code);
    }

    /**
     * A spare pays now for what decoding a task costs the first time (the serialization and lambda
     * machinery), so that a claimed spare starts the task at once.
     */
    private static void prepareToDecode() throws IOException {
        ProcessTask sample = () -> { };
        try {
            Codec.standard().decode(Codec.standard().encode(sample));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot decode a task in this JVM", e);
        }
    }

    /** {@code ProcessHandle.current()} would start the JDK's process machinery: ~4 ms of a cold child. */
    public static long ownPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    private static int runTask(RunTaskFrame run, Connection parent) {
        try {
            ProcessTask task = (ProcessTask) Codec.standard().decode(run.task());
            task.run();
            return 0;
        } catch (Throwable t) {
            System.err.println("Process " + run.name() + ":");
            t.printStackTrace();
            System.err.flush();
            sendFailure(parent, t);
            return 1;
        }
    }

    private static void sendFailure(Connection parent, Throwable t) {
        byte[] serialized;
        try {
            serialized = Codec.standard().encode(t);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            serialized = new byte[0]; // the parent builds a RemoteTraceback from the text
        }
        try {
            parent.send(TaskFailedFrame.describe(t, serialized).toFrame());
        } catch (IOException ignored) {
            // The parent is gone; the watchdog ends us.
        }
    }

    /**
     * The fused hook: whatever path leads to an orderly exit, the parent hears of it once. Closing
     * the connection afterwards wakes the watchdog's read: a thread still blocked in a native read
     * when the VM exits costs ~330 ms of exit time here, on JDK 17 and 25 alike. (Threads are named
     * classes here, not lambdas: each lambda is a class spun at run time in a cold child.)
     */
    private static void reportOrderlyExit(Connection parent, AtomicBoolean exiting) {
        Runtime.getRuntime().addShutdownHook(new ExitReporter(parent, exiting));
    }

    private static final class ExitReporter extends Thread {
        private final Connection parent;
        private final AtomicBoolean exiting;

        ExitReporter(Connection parent, AtomicBoolean exiting) {
            super("mproc-exit-report");
            this.parent = parent;
            this.exiting = exiting;
        }

        @Override
        public void run() {
            System.out.flush();
            System.err.flush();
            if (exiting.compareAndSet(false, true)) {
                try {
                    parent.send(new ExitFrame().toFrame());
                } catch (IOException ignored) {
                    // The parent is gone; nobody needs the verdict.
                }
                parent.close();
            }
        }
    }

    /**
     * The parent sends nothing after the task, so end of stream on the connection means it died
     * (the kernel closes its sockets even on SIGKILL): leave at once (G-PROC-7).
     */
    private static void watchParent(Connection parent, AtomicBoolean exiting) {
        Thread watchdog = new ParentWatchdog(parent, exiting);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static final class ParentWatchdog extends Thread {
        private final Connection parent;
        private final AtomicBoolean exiting;

        ParentWatchdog(Connection parent, AtomicBoolean exiting) {
            super("mproc-parent-watchdog");
            this.parent = parent;
            this.exiting = exiting;
        }

        @Override
        public void run() {
            try {
                while (parent.read() != null) {
                    // Nothing is expected; keep reading until the parent is gone.
                }
            } catch (IOException ignored) {
                // A broken connection means the same, unless we closed it ourselves while exiting.
            }
            if (!exiting.get()) {
                Runtime.getRuntime().halt(1);
            }
        }
    }

    /**
     * Like CPython, a child waits for its non-daemon threads (and so for its own non-daemon
     * children, whose keep-alive threads are not daemons). Enumerating the thread group is far
     * cheaper than {@code Thread.getAllStackTraces}, which stops the world to walk every stack.
     */
    private static void awaitNonDaemonThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread self = Thread.currentThread();
        for (boolean waited = true; waited; ) {
            waited = false;
            Thread[] threads = new Thread[root.activeCount() + 8];
            int n = root.enumerate(threads, true);
            for (int i = 0; i < n; i++) {
                Thread t = threads[i];
                if (t != self && !t.isDaemon() && t.isAlive() && !"DestroyJavaVM".equals(t.getName())) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                    waited = true;
                }
            }
        }
    }
}
