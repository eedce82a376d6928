package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.Namespace;
import org.mproc.SharedValue;
import org.mproc.TaskFailedException;

/** The cluster's namespace and value with the local manager's contracts (G-CLUSTER-9). */
@Tag("G-CLUSTER-9")
@Timeout(180)
@ExtendWith(SharedTestCluster.class)
class ClusterNamespaceTest {
    private static Cluster cluster;
    private static ClusterPool pool;

    @BeforeAll
    static void useTheSharedCluster(Cluster shared, ClusterPool sharedPool) {
        cluster = shared;
        pool = sharedPool;
    }

    @Test
    void attributesHoldNullAndOneNeverSetIsNamed() {
        Namespace ns = cluster.namespace("plain");
        ns.set("a", null);
        assertNull(ns.get("a"));
        ns.set("b", List.of(1, 2));
        assertEquals(List.of(1, 2), ns.get("b"));
        assertEquals(List.of(1, 2), ns.remove("b"));
        NoSuchElementException never = assertThrows(NoSuchElementException.class, () -> ns.get("b"));
        assertTrue(never.getMessage().contains("b"), never.getMessage());
        assertThrows(NoSuchElementException.class, () -> ns.updateAndGet("missing", (Integer v) -> v + 1));
    }

    @Test
    void updateAndGetFromTasksInSeveralMembersIsAtomic() {
        Namespace ns = cluster.namespace("counter");
        ns.set("n", 0);
        pool.map(i -> {
            for (int k = 0; k < 100; k++) {
                ns.updateAndGet("n", (Integer v) -> v + 1);
            }
            return i;
        }, List.of(1, 2, 3, 4), 1);
        assertEquals(400, (int) ns.get("n"));
    }

    @Test
    void aFunctionsExceptionsReachTheCallerAsTheLocalManagersDo() {
        Namespace ns = cluster.namespace("failing");
        ns.set("n", 1);
        IllegalStateException unchecked = assertThrows(IllegalStateException.class,
                () -> ns.updateAndGet("n", (Integer v) -> { throw new IllegalStateException("no"); }));
        assertEquals("no", unchecked.getMessage());
        TaskFailedException checked = assertThrows(TaskFailedException.class,
                () -> ns.updateAndGet("n", (Integer v) -> { throw new IOException("disk"); }));
        assertTrue(checked.getCause() instanceof IOException, String.valueOf(checked.getCause()));
        assertTrue(cluster.memberPids().contains(checked.workerPid()), checked.getMessage());
        assertEquals(1, (int) ns.get("n"), "failed updates leave the attribute");
    }

    @Test
    void aValueStartsAtItsInitialValueOnceAndUpdatesAtomically() {
        SharedValue<Integer> v = cluster.value("total", 10);
        assertEquals(10, v.get());
        pool.map(i -> v.updateAndGet(x -> x + i), List.of(1, 2, 3, 4), 1);
        assertEquals(20, v.get());
        assertEquals(20, cluster.value("total", 0).get(), "an existing value keeps what it has");
        v.set(null);
        assertNull(v.get());
    }
}
