package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.manager.ManagerEventSemaphoreTest.awaitingAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.SharedBarrier;
import org.mproc.SharedCondition;
import org.mproc.SharedList;
import org.mproc.SharedLock;
import org.mproc.SharedValue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/** The manager's barrier (G-MGR-13), condition (G-MGR-14) and reentrant lock (G-MGR-9). */
class ManagerBarrierConditionTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    private static final int PARTIES = 3;
    private static final int ROUNDS = 4;

    static void roundsAtTheBarrier(SharedBarrier barrier, SharedList<String> arrivals) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int index = barrier.await(Delays.CHILD);
            arrivals.add(round + ":" + index);
        }
    }

    @Test
    @Tag("G-MGR-13")
    void partiesInSeveralProcessesGoOnTogetherRoundAfterRound() throws Exception {
        SharedBarrier barrier = MANAGER.get().barrier(PARTIES);
        SharedList<String> arrivals = MANAGER.get().list();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> parties = new ArrayList<>();
            for (int i = 0; i < PARTIES; i++) {
                parties.add(reaper.start(new ChildProcess("party-" + i, () -> roundsAtTheBarrier(barrier, arrivals))));
            }
            for (ChildProcess party : parties) {
                Reaper.joinWithin(party, Delays.CHILD);
                assertEquals(0, party.exitCode().orElseThrow(), party.toString());
            }
        }
        Set<String> expected = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int index = 0; index < PARTIES; index++) {
                expected.add(round + ":" + index);
            }
        }
        assertEquals(expected, new HashSet<>(arrivals.snapshot()), "each round, one arrival index per party");
        assertEquals(PARTIES * ROUNDS, arrivals.size());
        assertFalse(barrier.isBroken());
        assertEquals(PARTIES, barrier.parties());
        assertEquals(0, barrier.waiting());
    }

    static void awaitAndRecord(SharedBarrier barrier, SharedList<String> outcomes) throws Exception {
        try {
            barrier.await();
            outcomes.add("passed");
        } catch (BrokenBarrierException e) {
            outcomes.add("broken");
        }
    }

    static void awaitForEver(SharedBarrier barrier) throws Exception {
        barrier.await();
    }

    @Test
    @Tag("G-MGR-13")
    void aPartyKilledWhileWaitingBreaksTheBarrierForEveryOther() throws Exception {
        SharedBarrier barrier = MANAGER.get().barrier(PARTIES);
        SharedList<String> outcomes = MANAGER.get().list();
        try (Reaper reaper = new Reaper()) {
            ChildProcess victim = reaper.start(new ChildProcess("victim", () -> awaitForEver(barrier)));
            Awaitility.await().atMost(Delays.CHILD).until(() -> barrier.waiting() == 1);
            ChildProcess survivor = reaper.start(new ChildProcess("survivor", () -> awaitAndRecord(barrier, outcomes)));
            Awaitility.await().atMost(Delays.CHILD).until(() -> barrier.waiting() == 2);
            victim.kill();
            Reaper.joinWithin(survivor, Delays.CHILD);
            assertEquals(0, survivor.exitCode().orElseThrow(), survivor.toString());
        }
        assertEquals(List.of("broken"), outcomes.snapshot(), "the survivor was told, not left waiting");
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await, "broken until reset");
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    @Tag("G-MGR-13")
    void aTimeoutBreaksTheBarrierAndResetMakesItWhole() throws Exception {
        SharedBarrier barrier = MANAGER.get().barrier(2);
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(200)));
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Delays.SHORT));
        barrier.reset();
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> awaitQuietly(barrier));
        int mine = barrier.await(Delays.SHORT);
        assertEquals(Set.of(0, 1), Set.of(mine, other.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS)));
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ZERO), "zero does not wait");
        assertTrue(barrier.isBroken());
        barrier.reset();
        SharedBarrier single = MANAGER.get().barrier(1);
        assertEquals(0, single.await(), "a barrier of one party never waits");
    }

    private static int awaitQuietly(SharedBarrier barrier) {
        try {
            return barrier.await(Delays.SHORT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Tag("G-MGR-13")
    void anInterruptedPartyBreaksTheBarrierForTheOthers() throws Exception {
        SharedBarrier barrier = MANAGER.get().barrier(3);
        CompletableFuture<Throwable> interrupted = new CompletableFuture<>();
        CompletableFuture<Throwable> other = new CompletableFuture<>();
        Thread first = new Thread(() -> interrupted.complete(failureOf(barrier)));
        Thread second = new Thread(() -> other.complete(failureOf(barrier)));
        first.start();
        awaitingAnswer(first);
        second.start();
        Awaitility.await().atMost(Delays.SHORT).until(() -> barrier.waiting() == 2);
        first.interrupt();
        assertTrue(interrupted.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS) instanceof InterruptedException);
        assertTrue(other.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS) instanceof BrokenBarrierException);
        barrier.abort();
        assertTrue(barrier.isBroken());
    }

    private static Throwable failureOf(SharedBarrier barrier) {
        try {
            barrier.await();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    @Tag("G-MGR-13")
    void aBarrierOfNoPartiesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MANAGER.get().barrier(0));
        assertTrue(e.getMessage().contains("at least 1 party"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MANAGER.get().barrier(-3));
    }

    static void consumeWhenStocked(SharedCondition stocked, SharedValue<Integer> stock, SharedList<String> log)
            throws InterruptedException {
        stocked.lock().lock();
        try {
            if (stocked.awaitUntil(() -> stock.get() > 0, Delays.CHILD)) {
                stock.updateAndGet(n -> n - 1);
                log.add("consumed");
            }
        } finally {
            stocked.lock().unlock();
        }
    }

    @Test
    @Tag("G-MGR-14")
    void aConsumerInAChildWaitsForTheParentsSignal() throws Exception {
        SharedCondition stocked = MANAGER.get().condition();
        SharedValue<Integer> stock = MANAGER.get().value(0);
        SharedList<String> log = MANAGER.get().list();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> consumers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                consumers.add(reaper.start(new ChildProcess("consumer-" + i, () -> consumeWhenStocked(stocked, stock, log))));
            }
            stocked.lock().lock();
            try {
                stock.set(2);
                stocked.signalAll();
            } finally {
                stocked.lock().unlock();
            }
            for (ChildProcess consumer : consumers) {
                Reaper.joinWithin(consumer, Delays.CHILD);
                assertEquals(0, consumer.exitCode().orElseThrow(), consumer.toString());
            }
        }
        assertEquals(List.of("consumed", "consumed"), log.snapshot());
        assertEquals(0, stock.get());
        assertFalse(stocked.lock().isLocked());
    }

    @Test
    @Tag("G-MGR-14")
    void waitingAndSignallingNeedTheLock() {
        SharedCondition condition = MANAGER.get().condition(MANAGER.get().lock());
        assertThrows(IllegalMonitorStateException.class, condition::await);
        assertThrows(IllegalMonitorStateException.class, condition::signal);
        assertThrows(IllegalMonitorStateException.class, condition::signalAll);
        try (Manager other = Manager.start()) {
            SharedLock foreign = other.lock();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MANAGER.get().condition(foreign));
            assertTrue(e.getMessage().contains("same manager"), e.getMessage());
        }
    }

    @Test
    @Tag("G-MGR-14")
    @Tag("G-MGR-9")
    void aTimedOutOrInterruptedWaitReturnsHoldingTheLockWithItsCount() throws Exception {
        SharedCondition condition = MANAGER.get().condition();
        SharedLock lock = condition.lock();
        lock.lock();
        lock.lock();
        assertFalse(condition.await(Duration.ofMillis(100)), "nobody signalled");
        assertFalse(condition.await(Duration.ZERO));
        lock.unlock();
        assertTrue(lock.isLocked(), "the count of two came back: one unlock leaves it held");
        lock.unlock();
        assertFalse(lock.isLocked());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);

        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                lock.lock();
                try {
                    condition.await();
                    outcome.complete("returned");
                } catch (InterruptedException e) {
                    outcome.complete("interrupted, holding: " + stillHolds(lock));
                } finally {
                    lock.unlock();
                }
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        });
        waiter.start();
        awaitingAnswer(waiter);
        waiter.interrupt();
        assertEquals("interrupted, holding: true", outcome.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        waiter.join(Delays.SHORT.toMillis());
        assertFalse(lock.isLocked());
    }

    /** Whether this thread holds the reentrant lock: it can take it again at once. */
    private static boolean stillHolds(SharedLock lock) {
        if (!lock.tryLock()) {
            return false;
        }
        lock.unlock();
        return true;
    }

    static void holdTwiceAndHang(SharedLock lock, org.mproc.SharedEvent holding) throws InterruptedException {
        lock.lock();
        lock.lock();
        holding.set();
        Thread.sleep(Long.MAX_VALUE); // killed by the test
    }

    @Test
    @Tag("G-MGR-9")
    @Tag("G-MGR-7")
    void aReentrantLockCountsItsHoldersLocksAndIsReleasedWhenItsHolderDies() throws Exception {
        SharedLock lock = MANAGER.get().reentrantLock();
        assertTrue(lock.tryLock());
        assertTrue(lock.tryLock(Duration.ZERO), "the holder locks again");
        lock.lock();
        lock.unlock();
        lock.unlock();
        assertTrue(lock.isLocked(), "one lock still counted");
        lock.unlock();
        assertFalse(lock.isLocked());

        org.mproc.SharedEvent holding = MANAGER.get().event();
        try (Reaper reaper = new Reaper()) {
            ChildProcess holder = reaper.start(new ChildProcess("holder", () -> holdTwiceAndHang(lock, holding)));
            assertTrue(holding.await(Delays.CHILD));
            assertFalse(lock.tryLock(), "held twice by the child");
            holder.kill();
            try (SharedLock.Held held = lock.acquire()) {
                assertTrue(held.abandoned(), "released whatever its count, and said so");
            }
        }
    }
}
