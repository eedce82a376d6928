package org.mproc.process;

import static org.awaitility.Awaitility.await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.internal.spawn.ExitSequence;
import org.mproc.testkit.Pids;

/**
 * A root process for the tests of G-PROC-11, which signal it or let it exit and read what it
 * printed. Two modes:
 *
 * <ul>
 *   <li>{@code call <go-file>}: a two-worker pool runs a call whose tasks never end (each prints
 *       {@code busy <pid>}), in the main thread, beside a non-daemon child that prints
 *       {@code plain <pid>} at start and {@code plain done} once {@code <go-file>} exists. The call's
 *       outcome is printed as {@code call failed <class>: <message>}. The program's own shutdown
 *       hook waits for that line, then for the workers it saw before to end, and prints the
 *       children left as {@code children at exit <pid>…} — a replacement worker would be among
 *       them: the main thread closes the pool only after that — and then the non-daemon child's exit code as {@code plain exit <code>}.</li>
 *   <li>{@code hook-submits return|exit}: a one-worker pool sits idle; the main thread returns (or
 *       calls {@code System.exit(0)}); a shutdown hook of the program's own waits until mproc's
 *       shutdown has begun, then submits to the pool, starts a child and creates a pool, printing
 *       each outcome as {@code <what> failed <class>: <message>} (or {@code <what> ran}).</li>
 * </ul>
 */
public final class ShutdownProgram {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private ShutdownProgram() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("call")) {
            callWhileSignalled(Paths.get(args[1]));
        } else {
            submitFromAHook(args[1].equals("exit"));
        }
    }

    private static void callWhileSignalled(Path go) throws InterruptedException {
        String goFile = go.toString();
        ChildProcess plain = new ChildProcess("plain", () -> plainWorksUntil(goFile));
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch listed = new CountDownLatch(1);
        try (Pool pool = new Pool(2)) {
            plain.start();
            Set<Long> workers = childPids();
            workers.remove(plain.pid());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> reportAtExit(reported, workers, listed, plain)));
            try {
                pool.map(RootProgram::busyForever, List.of(1, 2), 1);
                System.out.println("call returned");
            } catch (RuntimeException e) {
                System.out.println("call failed " + e.getClass().getName() + ": " + e.getMessage());
            } finally {
                reported.countDown();
            }
            // Closing the pool would stop a replacement worker before the hook could see it.
            listed.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    static void plainWorksUntil(String goFile) {
        System.out.println("plain " + ProcessHandle.current().pid());
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(Paths.get(goFile)));
        System.out.println("plain done");
    }

    private static void reportAtExit(CountDownLatch reported, Set<Long> workers, CountDownLatch listed,
                                     ChildProcess plain) {
        try {
            if (!reported.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("no outcome within " + BOUND);
            }
            await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> workers.stream().allMatch(Pids::hasExited));
            String left = childPids().stream().map(String::valueOf).collect(Collectors.joining(" "));
            System.out.println("children at exit " + left);
            listed.countDown();
            if (plain.join(BOUND)) {
                System.out.println("plain exit " + plain.exitCode().getAsInt());
            }
        } catch (InterruptedException e) {
            System.out.println("interrupted");
        }
    }

    /** Live children: an exited child stays listed until its watcher reaps it. */
    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).filter(pid -> !Pids.hasExited(pid))
                .collect(Collectors.toSet());
    }

    private static void submitFromAHook(boolean systemExit) {
        Pool pool = new Pool(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            await().atMost(BOUND).until(ExitSequence::shuttingDown);
            outcome("apply", () -> pool.apply(x -> x, 1));
            CompletableFuture<Integer> async = pool.applyAsync(x -> x, 2);
            outcome("applyAsync", async::join);
            outcome("start", () -> new ChildProcess("late", () -> { }).start());
            outcome("new pool", () -> new Pool(1));
        }));
        System.out.println("ready");
        if (systemExit) {
            System.exit(0);
        }
    }

    private static void outcome(String what, Runnable action) {
        try {
            action.run();
            System.out.println(what + " ran");
        } catch (RuntimeException e) {
            Throwable t = e instanceof CompletionException ? e.getCause() : e;
            System.out.println(what + " failed " + t.getClass().getName() + ": " + t.getMessage());
        }
    }
}
