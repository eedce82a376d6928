package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.AuthenticationException;
import org.mproc.cluster.internal.HazelcastSetup;
import org.mproc.cluster.internal.ChunksForTests;

/**
 * A cluster queue (G-CLUSTER-6): tasks in the members put, the caller takes every element once; the
 * member holding the queue SIGKILLed while a producer and a consumer run loses and duplicates
 * nothing (its backup takes over); an element put by a peer without the secret is refused undecoded.
 */
@Tag("G-CLUSTER-6")
@Timeout(240)
@ExtendWith(SharedTestCluster.class)
class ClusterQueueTest {
    @Test
    void tasksPutAndTheCallerTakesEachElementOnce(Cluster cluster, ClusterPool pool) throws Exception {
        ClusterQueue<Integer> q = cluster.queue("squares");
        pool.map(i -> { q.put(i * i); return i; }, IntStream.range(0, 100).boxed().toList(), 10);
        List<Integer> taken = new ArrayList<>();
        while (taken.size() < 100) {
            Integer e = q.poll(Duration.ofSeconds(30));
            assertTrue(e != null, "only " + taken.size() + " of 100 arrived");
            taken.add(e);
        }
        assertEquals(IntStream.range(0, 100).map(i -> i * i).sorted().boxed().toList(), taken.stream().sorted().toList());
        assertEquals(0, q.size());

        ChunksForTests.putRaw(cluster.hazelcast(), "squares", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36});
        q.put(7);
        AuthenticationException forged = assertThrows(AuthenticationException.class, q::take);
        assertTrue(forged.getMessage().contains("nothing was decoded"), forged.getMessage());
        assertEquals(7, q.take(), "the next element is served as usual");
    }

    @Test
    void theQueuesOwnerKilledMidStreamLosesAndDuplicatesNothing() throws Exception {
        int total = 20_000;
        try (Cluster cluster = Cluster.local(3)) {
            ClusterQueue<Integer> q = cluster.queue("stream");
            q.size(); // created, so it has an owner
            Member owner = cluster.hazelcast().getPartitionService().getPartition("stream").getOwner();
            long ownerPid = Long.parseLong(owner.getAttribute(HazelcastSetup.PID_ATTRIBUTE));
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                for (int first = 0; first < total; first += 100) {
                    q.putAll(IntStream.range(first, first + 100).boxed().toList());
                }
            });
            List<Integer> taken = new ArrayList<>();
            boolean killed = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (taken.size() < total && System.nanoTime() < deadline) {
                q.drainTo(taken, 500);
                if (!killed && taken.size() >= total / 4) {
                    ProcessHandle.of(ownerPid).orElseThrow().destroyForcibly();
                    killed = true;
                }
                if (taken.size() < total) {
                    Integer one = q.poll(Duration.ofMillis(200));
                    if (one != null) {
                        taken.add(one);
                    }
                }
            }
            producer.get(60, TimeUnit.SECONDS);
            assertTrue(killed, "the owner was killed mid-stream");
            assertEquals(total, taken.size(), "lost or duplicated: " + (total - taken.size()) + " short");
            assertEquals(IntStream.range(0, total).boxed().toList(), taken, "every element once, in the order put");
        }
    }
}
