package org.mproc.launch;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Runs a program the way {@code mvn exec:java} does, for tests: in a {@link URLClassLoader} of its
 * own (mproc and the program are not on this JVM's class path), on a thread of its own group; when
 * {@code main} returns, it interrupts every thread left in that group, waits a bounded time for
 * each (printing {@code LINGERING <name>} for one that does not end), destroys the group, closes
 * the loader and exits. Arguments: {@code <class path entries separated by ':'> <main class> <args…>}.
 */
public final class IsolatedLauncher {
    private static final long JOIN_MS = 5_000;

    private IsolatedLauncher() {}

    @SuppressWarnings("removal") // ThreadGroup.destroy, as exec:java calls it on JDK 17
    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(":");
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader("isolated", urls, ClassLoader.getSystemClassLoader());
        String[] programArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        ThreadGroup group = new ThreadGroup("isolated-app");
        int[] exit = {0};
        Thread main = new Thread(group, () -> {
            try {
                loader.loadClass(args[1]).getMethod("main", String[].class).invoke(null, (Object) programArgs);
            } catch (InvocationTargetException e) {
                System.out.println("MAIN THREW " + e.getCause());
                exit[0] = 1;
            } catch (ReflectiveOperationException e) {
                System.out.println("CANNOT RUN " + e);
                exit[0] = 2;
            }
        }, "isolated-main");
        main.setContextClassLoader(loader);
        main.start();
        main.join();
        awaitNonDaemonThreads(group);
        Thread[] left = new Thread[group.activeCount() + 16];
        int n = group.enumerate(left, true);
        for (int i = 0; i < n; i++) {
            left[i].interrupt();
        }
        for (int i = 0; i < n; i++) {
            left[i].join(JOIN_MS);
            if (left[i].isAlive()) {
                System.out.println("LINGERING " + left[i].getName());
            }
        }
        try {
            group.destroy();
        } catch (IllegalThreadStateException e) {
            System.out.println("GROUP NOT DESTROYED");
        }
        loader.close();
        System.out.println("LAUNCHER DONE");
        System.exit(exit[0]);
    }

    /** Like exec:java: non-daemon threads of the program (a non-daemon child's keep-alive) end first. */
    private static void awaitNonDaemonThreads(ThreadGroup group) throws InterruptedException {
        for (boolean waited = true; waited; ) {
            waited = false;
            Thread[] threads = new Thread[group.activeCount() + 16];
            int n = group.enumerate(threads, true);
            for (int i = 0; i < n; i++) {
                if (!threads[i].isDaemon() && threads[i].isAlive()) {
                    threads[i].join();
                    waited = true;
                }
            }
        }
    }
}
