package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mproc.ChildProcess;
import org.mproc.JoinableProcessQueue;
import org.mproc.ProcessException;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-QUEUE-6: when the process hosting a queue dies, every call blocked on it — a take, a timed
 * poll, a put waiting for room in a bounded queue, a join — fails with {@link ProcessException}
 * within the bound, and every later call on any handle fails the same way at once. The host is a
 * child that creates its queues and hands them to the test; the test SIGKILLs it.
 */
@Tag("G-QUEUE-6")
class ProcessQueueHostDeathTest {
    /** G-QUEUE-6 says 1 s, from the host's death to the failure of every blocked call. */
    private static final Duration HOST_DEATH_SEEN = Delays.scaled(Duration.ofSeconds(1));

    /** The queues a child hosts, as the test receives them. */
    record Hosted(ProcessQueue<Object> empty, ProcessQueue<Object> full, JoinableProcessQueue<Object> unfinished)
            implements Serializable {}

    /** In the child: hosts three queues, sends their handles (and one more handle, never used), then waits. */
    static void hostQueuesAndWait(ProcessQueue<Object> handles) throws InterruptedException {
        ProcessQueue<Object> empty = ProcessQueue.create();
        ProcessQueue<Object> full = ProcessQueue.create(1);
        full.put("filler");
        JoinableProcessQueue<Object> unfinished = JoinableProcessQueue.create();
        unfinished.put("never marked done");
        handles.put(new Hosted(empty, full, unfinished));
        handles.put(empty); // arrives as a second handle whose link is opened only after the death
        Thread.sleep(Long.MAX_VALUE);
    }

    private static <T> CompletableFuture<T> call(ExecutorService threads, Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    @Test
    void blockedAndLaterCallsFailWithProcessExceptionWhenTheHostIsKilled() throws Exception {
        ProcessQueue<Object> handles = ProcessQueue.create();
        ExecutorService callers = Executors.newCachedThreadPool();
        try (Reaper reaper = new Reaper()) {
            ChildProcess host = reaper.start(new ChildProcess("queue-host", () -> hostQueuesAndWait(handles)));
            Hosted q = (Hosted) handles.poll(Delays.CHILD);
            @SuppressWarnings("unchecked")
            ProcessQueue<Object> unopened = (ProcessQueue<Object>) handles.poll(Delays.SHORT);
            assertEquals(0, q.empty().size(), () -> "the child hosts the queue: " + QueueTesting.describe(host));
            assertEquals(1, q.full().size());

            Map<String, CompletableFuture<?>> blocked = new LinkedHashMap<>();
            blocked.put("take()", call(callers, () -> q.empty().take()));
            blocked.put("poll(1 min)", call(callers, () -> q.empty().poll(Duration.ofMinutes(1))));
            blocked.put("put() on a full bounded queue", call(callers, () -> {
                q.full().put("no room");
                return null;
            }));
            blocked.put("join() with an element not done", call(callers, () -> {
                q.unfinished().join();
                return null;
            }));
            CompletableFuture<Object> any = CompletableFuture.anyOf(blocked.values().toArray(CompletableFuture[]::new));
            assertThrows(TimeoutException.class, () -> any.get(QueueTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS),
                    () -> "every call must block while the host lives: " + blocked);

            long killedAt = System.nanoTime();
            host.kill();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, CompletableFuture<?>> e : blocked.entrySet()) {
                long left = HOST_DEATH_SEEN.toNanos() - (System.nanoTime() - killedAt);
                try {
                    Object got = e.getValue().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                    wrong.add(e.getKey() + " returned " + got);
                } catch (TimeoutException hang) {
                    wrong.add(e.getKey() + " still blocked " + HOST_DEATH_SEEN + " after the host was killed");
                } catch (ExecutionException failed) {
                    if (!(failed.getCause() instanceof ProcessException)) {
                        wrong.add(e.getKey() + " failed with " + Causes.text(failed.getCause()));
                    }
                }
            }
            assertEquals(List.of(), wrong, "blocked calls when the host died");
            Reaper.joinWithin(host, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), host.exitCode());

            Map<String, Executable> later = new LinkedHashMap<>();
            later.put("put", () -> q.empty().put("late"));
            later.put("offer", () -> q.empty().offer("late", Duration.ofSeconds(1)));
            later.put("take", () -> q.empty().take());
            later.put("poll()", () -> q.empty().poll());
            later.put("poll(timeout)", () -> q.empty().poll(Duration.ofSeconds(1)));
            later.put("drainTo", () -> q.empty().drainTo(new ArrayList<>(), 10));
            later.put("size", () -> q.empty().size());
            later.put("close", () -> q.empty().close());
            later.put("put on the bounded queue", () -> q.full().put("late"));
            later.put("taskDone", () -> q.unfinished().taskDone());
            later.put("join", () -> q.unfinished().join());
            later.put("size on a handle first used after the death", unopened::size);
            later.put("put on a handle first used after the death", () -> unopened.put("late"));
            for (Map.Entry<String, Executable> e : later.entrySet()) {
                Throwable t = assertTimeoutPreemptively(Delays.SHORT,
                        () -> assertThrows(Throwable.class, e.getValue(), e.getKey() + " after the host died"),
                        e.getKey() + " after the host died");
                assertInstanceOf(ProcessException.class, t, () -> e.getKey() + " after the host died threw "
                        + Causes.text(t));
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
