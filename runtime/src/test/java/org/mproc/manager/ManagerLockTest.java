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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.mproc.ChildProcess;
import org.mproc.Namespace;
import org.mproc.SharedLock;
import org.mproc.internal.manager.ManagerClient;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/** The manager's lock across real processes: exclusion, timeouts, ownership, and a holder's death. */
class ManagerLockTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    static void incrementUnderLock(SharedLock lock, Namespace ns, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            try (SharedLock.Held held = lock.acquire()) {
                assertFalse(held.abandoned(), "no holder died in this test");
                ns.set("counter", ns.<Integer>get("counter") + 1);
            }
        }
    }

    @Test
    @Tag("G-MGR-3")
    void getThenSetUnderTheLockFromManyProcessesIsExact() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        Namespace ns = MANAGER.get().namespace();
        ns.set("counter", 0);
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                children.add(reaper.start(new ChildProcess("locked-" + k, () -> incrementUnderLock(lock, ns, 100))));
            }
            for (ChildProcess c : children) {
                Reaper.joinWithin(c, Delays.LONG);
                assertEquals(0, c.exitCode().orElseThrow(), c.toString());
            }
        }
        assertEquals(400, ns.<Integer>get("counter"));
    }

    @Test
    @Tag("G-MGR-9")
    void theHoldersTriesAnswerFalseAtOnceAndItsLockIsRefused() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock(), "CPython's acquire(False) by the holder returns False");
        long start = System.nanoTime();
        assertFalse(lock.tryLock(Duration.ofMinutes(10)), "only the holder could release it: no waiting");
        assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1), "it answered without waiting out the timeout");
        assertThrows(IllegalStateException.class, lock::lock, "a blocking lock by the holder would wait for ever");
        assertThrows(IllegalStateException.class, lock::acquire);
        lock.unlock(); // still held once, by this thread
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(lock.tryLock(), "free again");
        lock.unlock();
    }

    @Test
    @Tag("G-MGR-9")
    void isLockedSaysWhetherAnyoneHoldsItAndADeadHoldersLockIsFree() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        assertFalse(lock.isLocked());
        lock.lock();
        assertTrue(lock.isLocked());
        assertTrue(CompletableFuture.supplyAsync(lock::isLocked).get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS),
                "another thread sees it held");
        lock.unlock();
        assertFalse(lock.isLocked());
        try (Reaper reaper = new Reaper()) {
            ChildProcess holder = startHolding(reaper, lock);
            assertTrue(lock.isLocked(), "held by the child");
            holder.kill();
            org.awaitility.Awaitility.await().atMost(Delays.SHORT).until(() -> !lock.isLocked());
        }
    }

    @Test
    void tryLockTimesOutAndUnlockByAnotherThreadIsRefused() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        assertTrue(lock.tryLock());
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            try {
                long start = System.nanoTime();
                boolean got = lock.tryLock(Duration.ofMillis(200));
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
                assertThrows(IllegalMonitorStateException.class, lock::unlock);
                return got;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(other.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    static void holdAndAnnounce(SharedLock lock) throws InterruptedException {
        lock.lock();
        System.out.println("holding");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A child that takes the lock and keeps it; returned once it says it holds it. */
    static ChildProcess startHolding(Reaper reaper, SharedLock lock) throws InterruptedException {
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        ChildProcess holder = reaper.start(ChildProcess.builder().name("holder").target(() -> holdAndAnnounce(lock))
                .output(line -> {
                    if (line.equals("holding")) {
                        holding.countDown();
                    }
                }).build());
        assertTrue(holding.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS), "the child took the lock");
        return holder;
    }

    @Test
    @Tag("G-MGR-7")
    void aLockWhoseHolderIsKilledIsReleasedAndTheNextHolderSeesItAbandoned() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        try (Reaper reaper = new Reaper()) {
            ChildProcess holder = startHolding(reaper, lock);
            assertFalse(lock.tryLock(), "held by the child");
            assertTrue(lock.isLocked(), "held by another process");
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try (SharedLock.Held held = lock.acquire()) {
                    return held.abandoned();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            holder.kill();
            assertTrue(waiter.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS), "the waiter was told");
        }
        try (SharedLock.Held again = lock.acquire()) {
            assertFalse(again.abandoned(), "released normally since");
        }
    }

    @Test
    void anInterruptedWaitGivesUpWithoutTakingTheLock() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        lock.lock();
        Thread waiter = new Thread(() -> {
            try {
                lock.lock();
                lock.unlock();
            } catch (InterruptedException expected) {
                // given up
            }
        });
        waiter.start();
        // Waiting for its answer: parked, or reading the connection for everyone (leader/follower).
        org.awaitility.Awaitility.await().atMost(Delays.SHORT).until(() -> java.util.Arrays.stream(waiter.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(ManagerClient.class.getName()) && f.getMethodName().equals("await")));
        waiter.interrupt();
        waiter.join(Delays.SHORT.toMillis());
        assertFalse(waiter.isAlive());
        lock.unlock();
        assertTrue(lock.tryLock(), "the interrupted waiter did not keep it");
        lock.unlock();
    }

    /**
     * A thread interrupted before it asks gets {@link InterruptedException} at once from every
     * waiting acquire, and, as everywhere in Java, with its interrupt status clear; the lock is not
     * taken. {@code tryLock()}, which does not wait, keeps the status instead.
     */
    @Test
    @Tag("G-MGR-3")
    void anAlreadyInterruptedThreadGetsInterruptedExceptionWithItsStatusClear() throws Exception {
        SharedLock lock = MANAGER.get().lock();
        List<Executable> waits = List.of(lock::lock, lock::acquire, () -> lock.tryLock(Delays.SHORT));
        for (int i = 0; i < waits.size(); i++) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, waits.get(i), "wait " + i);
            assertFalse(Thread.interrupted(), "wait " + i + " threw InterruptedException with the status still set");
        }
        assertTrue(lock.tryLock(), "no interrupted wait took the lock");
        lock.unlock();
        Thread.currentThread().interrupt();
        try {
            assertTrue(lock.tryLock());
        } finally {
            assertTrue(Thread.interrupted(), "tryLock() keeps the interrupt status");
        }
        lock.unlock();
    }
}
