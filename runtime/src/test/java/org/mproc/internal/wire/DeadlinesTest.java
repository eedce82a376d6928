package org.mproc.internal.wire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one deadlines thread: fires in order, can be called off, and ends when interrupted (G-PROC-11). */
class DeadlinesTest {

    @Test
    void deadlinesFireInTheirOrderAndAClosedOneNever() throws Exception {
        List<Integer> fired = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean cancelledRan = new AtomicBoolean();
        // Set out of order, with margins wide enough that a stall of the test thread cannot reorder them.
        Deadlines.Alarm cancelled = Deadlines.after(TimeUnit.MILLISECONDS.toNanos(1_000), () -> cancelledRan.set(true));
        cancelled.close();
        Deadlines.after(TimeUnit.MILLISECONDS.toNanos(600), () -> record(fired, 3));
        Deadlines.after(TimeUnit.MILLISECONDS.toNanos(200), () -> record(fired, 1));
        Deadlines.after(TimeUnit.MILLISECONDS.toNanos(400), () -> record(fired, 2));
        Deadlines.after(TimeUnit.MILLISECONDS.toNanos(1_200), done::countDown);
        assertEquals(true, done.await(30, TimeUnit.SECONDS));
        synchronized (fired) {
            assertEquals(List.of(1, 2, 3), fired);
        }
        assertFalse(cancelledRan.get());
    }

    private static void record(List<Integer> fired, int n) {
        synchronized (fired) {
            fired.add(n);
        }
    }

    @Test
    @Tag("G-PROC-11")
    void theThreadEndsWhenInterruptedAndTheNextDeadlineStartsAnother() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        Deadlines.after(0, first::countDown);
        assertEquals(true, first.await(30, TimeUnit.SECONDS));
        Thread runner = thread("mproc-deadlines");
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(runner.isAlive(), "the deadlines thread ignored the interrupt");
        CountDownLatch second = new CountDownLatch(1);
        Deadlines.after(0, second::countDown);
        assertEquals(true, second.await(30, TimeUnit.SECONDS), "a deadline set after the interrupt fired");
    }

    @Test
    @Tag("G-PROC-11")
    void mprocThreadsLiveInTheirOwnGroupNotTheCallers() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        Deadlines.after(0, fired::countDown);
        fired.await(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> thread("mproc-deadlines") != null);
        assertEquals(RuntimeThreads.group(), thread("mproc-deadlines").getThreadGroup());
        assertEquals(null, RuntimeThreads.root().getParent());
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .findFirst().orElse(null);
    }
}
