package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mproc.cluster.internal.HazelcastSetup;
import org.mproc.harness.QueueHistory;
import org.mproc.harness.TotalQueueChecker;
import org.mproc.harness.TotalQueueResult;

/**
 * The goal for the cluster queue (G-CLUSTER-6, G-QUEUE-1): a producer and a consumer in the
 * caller stream elements through one queue of a cluster of three members while, again and again,
 * the member that owns the queue's partition is SIGKILLed and a new member started in its place;
 * between kills the test waits until Hazelcast lists three live data members and reports its
 * partitions safe (every backup in sync). Every put and take is recorded in a {@link QueueHistory},
 * and after the last kill the queue is drained and the history judged by
 * {@link TotalQueueChecker}: no element lost, none duplicated, none unexpected, the producer's order
 * kept. Both runs, twenty kills and three, are tagged {@code long}: they run under {@code -Pcluster} only.
 */
@Tag("G-CLUSTER-6")
@Tag("G-QUEUE-1")
class QueueOwnerKillsTest {
    private static final int MEMBERS = 3;
    private static final String QUEUE = "owner-kills";
    /** Elements per putAll; every fourth batch is put one by one instead. */
    private static final int BATCH = 50;
    /** The producer's pace: this many elements allowed every {@link #PACE} (about 1,000 a second). */
    private static final Duration PACE = Duration.ofMillis(50);
    /** Elements the consumer must take between two kills, so each kill falls mid-stream. */
    private static final int FLOW_BETWEEN_KILLS = 500;
    private static final int DRAIN_MAX = 20;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SAFE_WITHIN = Duration.ofSeconds(120);
    /**
     * The members' heartbeat bound, twice the default: with 5 s, a run on a 2-core machine loaded by
     * other work saw a live member and the caller suspect each other (no heartbeat for 5.8 s) and
     * split the cluster, which then never became safe again. A killed member is declared gone after
     * this bound, so each kill takes about this long to reach a safe cluster.
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    @Test
    @Tag("long")
    @Timeout(840) // under surefire's 900 s for a fork
    void twentyOwnerKillsLoseAndDuplicateNothing() throws Exception {
        ownerKills(20);
    }

    /** The same, shorter; still about 50 s on a loaded 2-core machine (over the 20 s a plain verify allows it), so long too. */
    @Test
    @Tag("long")
    @Timeout(300)
    void threeOwnerKillsLoseAndDuplicateNothing() throws Exception {
        ownerKills(3);
    }

    private static void ownerKills(int kills) throws Exception {
        long started = System.nanoTime();
        QueueHistory history = new QueueHistory();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean produced = new AtomicBoolean();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger putFailures = new AtomicInteger();
        AtomicInteger takeFailures = new AtomicInteger();
        Semaphore allowance = new Semaphore(0);
        List<Long> millisToSafe = new ArrayList<>();
        List<Long> killedAtMillis = new ArrayList<>();
        Map<Integer, String> howTaken = new ConcurrentHashMap<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService streams = Executors.newFixedThreadPool(2);
        try (Cluster cluster = Cluster.builder().members(MEMBERS).heartbeat(HEARTBEAT).start()) {
            ClusterQueue<Integer> q = cluster.queue(QUEUE);
            q.size(); // created, so it has an owner
            pacer.scheduleAtFixedRate(() -> allowance.release(BATCH), 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                try {
                    produce(q, history, stop, allowance, putFailures);
                } finally {
                    produced.set(true);
                }
            }, streams);
            CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> consume(q, history, produced, taken, takeFailures,
                    (v, how) -> howTaken.put(v, how + " at " + (System.nanoTime() - started) / 1_000_000 + " ms")), streams);

            for (int k = 1; k <= kills; k++) {
                int before = taken.get();
                Awaitility.await("elements flow before kill " + k).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> taken.get() >= before + FLOW_BETWEEN_KILLS || consumer.isDone() || producer.isDone());
                assertTrue(!consumer.isDone() && !producer.isDone(), "a stream ended early: " + failureOf(producer) + failureOf(consumer));
                long owner = ownerPid(cluster.hazelcast());
                long killedAt = System.nanoTime();
                killedAtMillis.add((killedAt - started) / 1_000_000);
                ProcessHandle victim = ProcessHandle.of(owner).orElseThrow();
                victim.destroyForcibly(); // SIGKILL
                victim.onExit().get(60, TimeUnit.SECONDS);
                long added = cluster.startMember();
                try {
                    Awaitility.await("three live data members, partitions safe, after kill " + k).atMost(SAFE_WITHIN)
                            .pollInterval(Duration.ofMillis(50)).until(() -> safeWithLiveMembers(cluster.hazelcast()));
                } catch (ConditionTimeoutException e) {
                    System.out.println(ClusterDiagnosis.describe(cluster, "owner kills, kill " + k));
                    throw new AssertionError("not three live data members with partitions safe " + SAFE_WITHIN.toSeconds() + " s after kill "
                            + k + " (owner pid " + owner + ", added pid " + added + "): " + ClusterDiagnosis.summary(cluster), e);
                }
                long ms = (System.nanoTime() - killedAt) / 1_000_000;
                millisToSafe.add(ms);
                System.out.println("owner kill " + k + "/" + kills + ": owner pid " + owner + " killed, member pid " + added
                        + " added, safe after " + ms + " ms; " + taken.get() + " taken so far");
            }
            stop.set(true);
            producer.get(120, TimeUnit.SECONDS);
            consumer.get(120, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pacer.shutdownNow();
            streams.shutdownNow();
        }
        TotalQueueResult result = TotalQueueChecker.check(history);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("owner kills: " + kills + " kills, " + result.acknowledged() + " elements put and acknowledged ("
                + result.attempted() + " attempted, " + putFailures + " puts failed), " + result.delivered() + " delivered, "
                + result.lostCount() + " lost, " + result.duplicatedCount() + " duplicated, " + result.unexpectedCount()
                + " unexpected, " + takeFailures + " takes failed; " + wallMillis + " ms in all; ms from kill to safe: " + millisToSafe);
        if (!result.valid()) {
            System.out.println("owner kills: killed at ms " + killedAtMillis);
            for (TotalQueueResult.ValueCount lost : result.lost().subList(0, Math.min(10, result.lost().size()))) {
                int v = (Integer) lost.value();
                System.out.println("owner kills: lost " + v + "; " + (v - 1) + " was taken by " + howTaken.get(v - 1) + ", "
                        + (v + 1) + " by " + howTaken.get(v + 1));
            }
        }
        assertTrue(result.valid(), result::describe);
        assertEquals(kills, millisToSafe.size());
        assertEquals(result.acknowledged(), result.delivered(), result::describe);
    }

    /** Puts paced batches of distinct, increasing values until stopped: a putAll, or every fourth batch one put per element. */
    private static void produce(ClusterQueue<Integer> q, QueueHistory history, AtomicBoolean stop, Semaphore allowance,
            AtomicInteger failures) {
        int next = 0;
        for (int batch = 0; !stop.get(); batch++) {
            try {
                if (!allowance.tryAcquire(BATCH, 100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                values.add(next++);
            }
            if (batch % 4 == 3) {
                for (Integer v : values) {
                    QueueHistory.PendingPut put = history.invokePut("caller", "producer", v);
                    try {
                        q.put(v);
                        put.ok();
                    } catch (InterruptedException e) {
                        put.info();
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        put.info(); // it may have gone in or not
                        failures.incrementAndGet();
                    }
                }
            } else {
                List<QueueHistory.PendingPut> puts = values.stream().map(v -> history.invokePut("caller", "producer", v)).toList();
                try {
                    q.putAll(values);
                    puts.forEach(QueueHistory.PendingPut::ok);
                } catch (RuntimeException e) {
                    puts.forEach(QueueHistory.PendingPut::info);
                    failures.incrementAndGet();
                }
            }
        }
    }

    /**
     * Takes until the producer has finished and the queue is then empty: a poll, and after an
     * element a drainTo of up to {@link #DRAIN_MAX}, each recorded (a drainTo as that many takes,
     * those it did not fill failed); tells {@code took} how each element was taken, for the report of a loss.
     */
    private static void consume(ClusterQueue<Integer> q, QueueHistory history, AtomicBoolean produced, AtomicInteger taken,
            AtomicInteger failures, BiConsumer<Integer, String> took) {
        while (true) {
            boolean producerDone = produced.get(); // read before the poll: a null poll after it means drained
            QueueHistory.PendingTake take = history.invokeTake("caller", "consumer");
            Integer e;
            try {
                e = q.poll(POLL);
            } catch (InterruptedException x) {
                take.info();
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException x) {
                take.info();
                failures.incrementAndGet();
                continue;
            }
            if (e == null) {
                take.fail();
                if (producerDone && q.size() == 0) {
                    return;
                }
                continue;
            }
            take.ok(e);
            took.accept(e, "a poll");
            taken.incrementAndGet();
            List<QueueHistory.PendingTake> takes = new ArrayList<>();
            for (int i = 0; i < DRAIN_MAX; i++) {
                takes.add(history.invokeTake("caller", "consumer"));
            }
            List<Integer> got = new ArrayList<>();
            try {
                q.drainTo(got, DRAIN_MAX);
            } catch (RuntimeException x) {
                takes.forEach(QueueHistory.PendingTake::info);
                failures.incrementAndGet();
                continue;
            }
            for (int i = 0; i < DRAIN_MAX; i++) {
                if (i < got.size()) {
                    takes.get(i).ok(got.get(i));
                    took.accept(got.get(i), "a drainTo of " + got.size());
                } else {
                    takes.get(i).fail();
                }
            }
            taken.addAndGet(got.size());
        }
    }

    /** The pid of the member that owns the queue's partition now. */
    private static long ownerPid(HazelcastInstance hz) {
        Member owner = hz.getPartitionService().getPartition(QUEUE).getOwner();
        return Long.parseLong(owner.getAttribute(HazelcastSetup.PID_ATTRIBUTE));
    }

    /** Hazelcast lists exactly {@link #MEMBERS} data members, each JVM alive, and says every partition and backup is in place. */
    private static boolean safeWithLiveMembers(HazelcastInstance hz) {
        List<Member> data = hz.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).toList();
        boolean allAlive = data.stream().allMatch(m -> ProcessHandle.of(Long.parseLong(m.getAttribute(HazelcastSetup.PID_ATTRIBUTE)))
                .map(ProcessHandle::isAlive).orElse(false));
        return data.size() == MEMBERS && allAlive && hz.getPartitionService().isClusterSafe();
    }

    private static String failureOf(CompletableFuture<Void> f) {
        return f.isCompletedExceptionally() ? " " + f.handle((v, x) -> String.valueOf(x)).join() : "";
    }
}
