package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.ProcessFunction;
import org.mproc.SharedLock;
import org.mproc.cluster.internal.ChunksForTests;
import org.mproc.cluster.internal.HazelcastSetup;

/**
 * A raw Hazelcast client that knows the cluster's name and address but not its secret (G-CLUSTER-3):
 * a task, a queue element or a dict update sealed with another key is refused before its payload is
 * decoded, and a Java-serialized callable or entry processor of any other class is refused by
 * Hazelcast's deserialization filter; none runs (each would create a marker file). A lock mark it
 * writes is no holder's: it makes no lock look abandoned.
 */
@Tag("G-CLUSTER-3")
@Timeout(180)
class ForeignPeerTest {
    private static Cluster cluster;
    private static HazelcastInstance client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.local(1);
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster.name());
        Member self = cluster.hazelcast().getCluster().getLocalMember();
        config.getNetworkConfig().addAddress(self.getAddress().getHost() + ":" + self.getAddress().getPort());
        config.setProperty("hazelcast.logging.type", "jdk");
        client = HazelcastClient.newHazelcastClient(config);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.shutdown();
        }
        cluster.close();
    }

    private static Member dataMember() {
        return client.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).findFirst().orElseThrow();
    }

    /** Writes a marker file when it runs: the proof that something was decoded and executed. */
    record Marker(String path) implements ProcessFunction<Object, Object>, Callable<Object>, Serializable {
        @Override
        public Object apply(Object ignored) throws Exception {
            return call();
        }

        @Override
        public Object call() throws Exception {
            Files.writeString(Path.of(path), "ran");
            return "ran";
        }
    }

    @Test
    void aTaskSealedWithAnotherKeyIsRefusedUndecoded() throws Exception {
        Path marker = dir.resolve("forged-task-ran");
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        IExecutorService executor = client.getExecutorService(HazelcastSetup.EXECUTOR);
        ExecutionException e = assertThrows(ExecutionException.class, () -> executor.submitToMember(
                ChunksForTests.sealed(otherKey, "map 1 chunk 0", new Marker(marker.toString()), List.of(1)), dataMember())
                .get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()).contains("does not match the cluster's secret; nothing was decoded"),
                String.valueOf(e.getCause()));
        assertFalse(Files.exists(marker), "the forged task ran");
    }

    @Test
    void aCallableOfAnyOtherClassIsRefusedByTheFilter() throws Exception {
        Path marker = dir.resolve("foreign-callable-ran");
        IExecutorService executor = client.getExecutorService(HazelcastSetup.EXECUTOR);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> executor.submitToMember(new Marker(marker.toString()), dataMember()).get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()).contains(Marker.class.getName()), String.valueOf(e.getCause()));
        assertFalse(Files.exists(marker), "the foreign callable ran");
    }

    @Test
    void theClustersOwnPoolStillWorksBesideTheForeignClient() throws Exception {
        try (ClusterPool pool = cluster.pool()) {
            assertEquals(List.of(2, 4), pool.map(x -> x * 2, List.of(1, 2)));
        }
    }

    /** Writes a marker file when Hazelcast runs it on the key's owner. */
    record MarkerProcessor(String path) implements com.hazelcast.map.EntryProcessor<String, byte[], Object> {
        @Override
        public Object process(java.util.Map.Entry<String, byte[]> entry) {
            try {
                Files.writeString(Path.of(path), "ran");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "ran";
        }
    }

    @Test
    void itsQueueElementsAndDictUpdatesAreRefusedUndecoded() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        ClusterQueue<String> q = cluster.queue("foreign");
        q.size();
        ChunksForTests.putRaw(client, "foreign", ChunksForTests.sealedBytes(otherKey, "queue foreign", "gadget"));
        org.mproc.AuthenticationException element = assertThrows(org.mproc.AuthenticationException.class, q::take);
        assertTrue(element.getMessage().contains("nothing was decoded"), element.getMessage());

        ClusterDict<String, Integer> d = cluster.dict("foreign");
        d.put("n", 1);
        com.hazelcast.map.IMap<String, byte[]> raw = client.getMap(org.mproc.cluster.internal.DictEntries.PREFIX + "foreign");
        String id = raw.keySet().iterator().next();
        Path marker = dir.resolve("forged-update-ran");
        String markerPath = marker.toString();
        ExecutionException update = assertThrows(ExecutionException.class, () -> raw.submitToKey(id,
                ChunksForTests.update(otherKey, "foreign", id, "n", (Object k, Object old) -> {
                    Files.writeString(Path.of(markerPath), "ran");
                    return 2;
                })).toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(update.getCause()).contains("nothing was decoded"), String.valueOf(update.getCause()));
        Path other = dir.resolve("foreign-processor-ran");
        ExecutionException processor = assertThrows(ExecutionException.class,
                () -> raw.submitToKey(id, new MarkerProcessor(other.toString())).toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(processor.getCause()).contains(MarkerProcessor.class.getName()), String.valueOf(processor.getCause()));
        assertFalse(Files.exists(marker), "the forged update ran");
        assertFalse(Files.exists(other), "the foreign entry processor ran");
        assertEquals(1, d.get("n"), "the entry is as it was");
    }

    @Test
    @Tag("G-CLUSTER-8")
    void itsLockMarkMakesNoLockLookAbandoned() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        SharedLock lock = cluster.lock("marked");
        com.hazelcast.map.IMap<String, byte[]> marks = client.getMap("mproc-lock-marks");
        marks.put("marked", ChunksForTests.sealedBytes(otherKey, "lock-mark marked", "a holder that died"));
        try (SharedLock.Held held = lock.acquire()) {
            assertFalse(held.abandoned(), "a mark sealed with another key is no holder that died");
        }
        assertFalse(lock.isLocked(), "and the holder released it as usual");
    }
}
