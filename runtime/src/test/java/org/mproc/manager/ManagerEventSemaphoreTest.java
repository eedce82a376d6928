package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.SharedEvent;
import org.mproc.SharedList;
import org.mproc.SharedSemaphore;
import org.mproc.SharedValue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/** The manager's event (G-MGR-11) and semaphores (G-MGR-12), waited on from several processes. */
class ManagerEventSemaphoreTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    private static final Duration BRIEF = Duration.ofMillis(300);

    static void awaitThenReport(SharedEvent go, SharedList<String> arrived, String who) throws InterruptedException {
        go.await();
        arrived.add(who);
    }

    @Test
    @Tag("G-MGR-11")
    void setWakesEveryWaiterOfEveryProcess() throws Exception {
        SharedEvent go = MANAGER.get().event();
        SharedList<String> arrived = MANAGER.get().list();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String who = "waiter-" + i;
                children.add(reaper.start(new ChildProcess(who, () -> awaitThenReport(go, arrived, who))));
            }
            assertFalse(go.await(BRIEF), "nobody set it");
            assertEquals(List.of(), arrived.snapshot(), "no waiter went on before set");
            go.set();
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        assertEquals(3, arrived.size());
        assertTrue(go.isSet());
    }

    @Test
    @Tag("G-MGR-11")
    void aSetEventAnswersAtOnceUntilCleared() throws Exception {
        SharedEvent event = MANAGER.get().event();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ZERO));
        event.set();
        assertTrue(event.await(Duration.ZERO));
        assertTrue(event.await(Delays.LONG), "set: no wait");
        event.await();
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(BRIEF), "cleared: waits the whole timeout");
        assertThrows(IllegalArgumentException.class, () -> event.await(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> event.await(null));
    }

    @Test
    @Tag("G-MGR-11")
    void anInterruptEndsAWaitAndTheEventStillWorks() throws Exception {
        SharedEvent event = MANAGER.get().event();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        waiter[0] = new Thread(() -> {
            try {
                event.await();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter[0].start();
        awaitingAnswer(waiter[0]);
        waiter[0].interrupt();
        assertTrue(outcome.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS) instanceof InterruptedException);
        event.set();
        assertTrue(event.await(Duration.ZERO));
    }

    /** Until the thread has sent its call and waits for the server's answer. */
    static void awaitingAnswer(Thread t) {
        Awaitility.await().atMost(Delays.SHORT).until(() -> java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("ManagerClient") && f.getMethodName().equals("await")));
    }

    static void holdPermitsCountingInside(SharedSemaphore slots, SharedValue<Integer> inside, SharedValue<Integer> most)
            throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            slots.acquire();
            try {
                int now = inside.updateAndGet(n -> n + 1);
                most.updateAndGet(m -> Math.max(m, now));
                inside.updateAndGet(n -> n - 1);
            } finally {
                slots.release();
            }
        }
    }

    @Test
    @Tag("G-MGR-12")
    void noMoreThanThePermitsAreHeldAtOnceAcrossProcesses() throws Exception {
        SharedSemaphore slots = MANAGER.get().boundedSemaphore(2);
        SharedValue<Integer> inside = MANAGER.get().value(0);
        SharedValue<Integer> most = MANAGER.get().value(0);
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                children.add(reaper.start(new ChildProcess("slot-user-" + i,
                        () -> holdPermitsCountingInside(slots, inside, most))));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        assertTrue(most.get() <= 2, "at most two inside at once, saw " + most.get());
        assertEquals(0, inside.get());
        assertEquals(2, slots.availablePermits(), "every permit came back");
    }

    @Test
    @Tag("G-MGR-12")
    void triesAnswerAtOnceOrAfterTheirTimeoutAndAReleaseServesTheLongestWaiter() throws Exception {
        SharedSemaphore sem = MANAGER.get().semaphore(1);
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire(), "no permit left");
        assertFalse(sem.tryAcquire(BRIEF), "none came within the timeout");
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> acquireWithin(sem, Delays.LONG));
        sem.release();
        assertTrue(first.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS), "the waiter got the released permit");
        assertEquals(0, sem.availablePermits(), "handed over, not counted free");
        sem.release();
        sem.release();
        assertEquals(2, sem.availablePermits(), "an unbounded semaphore may rise past its start");
    }

    private static boolean acquireWithin(SharedSemaphore sem, Duration timeout) {
        try {
            return sem.tryAcquire(timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Tag("G-MGR-12")
    void aBoundedSemaphoreRefusesAReleasePastItsBound() throws InterruptedException {
        SharedSemaphore sem = MANAGER.get().boundedSemaphore(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(1, sem.availablePermits(), "unchanged");
        sem.acquire();
        sem.release();
        assertEquals(1, sem.availablePermits());
        assertThrows(IllegalArgumentException.class, () -> MANAGER.get().semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> MANAGER.get().boundedSemaphore(-1));
        assertEquals(0, MANAGER.get().semaphore(0).availablePermits());
    }

    static void takeAndHang(SharedSemaphore sem, SharedEvent taken) throws InterruptedException {
        sem.acquire();
        taken.set();
        Thread.sleep(Long.MAX_VALUE); // killed by the test
    }

    @Test
    @Tag("G-MGR-12")
    void aPermitTakenByAProcessThatDiesStaysTaken() throws Exception {
        SharedSemaphore sem = MANAGER.get().semaphore(1);
        SharedEvent taken = MANAGER.get().event();
        try (Reaper reaper = new Reaper()) {
            ChildProcess taker = reaper.start(new ChildProcess("taker", () -> takeAndHang(sem, taken)));
            assertTrue(taken.await(Delays.CHILD), "the child took the permit");
            taker.kill();
            Reaper.joinWithin(taker, Delays.CHILD);
        }
        assertEquals(0, sem.availablePermits(), "a permit has no owner: nothing gives it back (as CPython)");
        sem.release();
        assertTrue(sem.tryAcquire());
    }

    @Test
    @Tag("G-MGR-12")
    void anInterruptedAcquireTakesNoPermit() throws Exception {
        SharedSemaphore sem = MANAGER.get().semaphore(0);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                sem.acquire();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.start();
        awaitingAnswer(waiter);
        waiter.interrupt();
        assertTrue(outcome.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS) instanceof InterruptedException);
        sem.release();
        assertEquals(1, sem.availablePermits(), "the cancelled wait did not swallow the permit");
    }
}
