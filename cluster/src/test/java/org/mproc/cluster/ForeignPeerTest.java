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
import org.mproc.cluster.internal.ChunksForTests;
import org.mproc.cluster.internal.HazelcastSetup;

/**
 * A raw Hazelcast client that knows the cluster's name and address but not its secret (G-CLUSTER-3):
 * a task sealed with another key is refused by the member before its payload is decoded, and a
 * Java-serialized callable of any other class is refused by Hazelcast's deserialization filter;
 * neither runs (each would create a marker file).
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
}
