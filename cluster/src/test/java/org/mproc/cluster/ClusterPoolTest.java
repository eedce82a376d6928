package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mproc.TaskFailedException;

/** A cluster pool on two real member JVMs: map in input order, computed in the members, a task's exception, a clean stop. */
@Timeout(180)
class ClusterPoolTest {
    private static Cluster cluster;
    private static ClusterPool pool;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.local(2);
        pool = cluster.pool();
    }

    @AfterAll
    static void stop() {
        List<Long> pids = cluster.memberPids();
        cluster.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " still alive");
        }
    }

    @Test
    @Tag("G-CLUSTER-2")
    void mapReturnsResultsInInputOrderComputedInTheMembers() throws Exception {
        List<Integer> input = IntStream.range(0, 200).boxed().toList();
        List<long[]> out = pool.map(x -> new long[] {(long) x * x, ProcessHandle.current().pid()}, input, 7);
        assertEquals(input.stream().map(x -> (long) x * x).toList(), out.stream().map(r -> r[0]).toList());
        Set<Long> pids = out.stream().map(r -> r[1]).collect(Collectors.toCollection(HashSet::new));
        assertEquals(new HashSet<>(cluster.memberPids()), pids, "every member ran a share, none ran in the caller");
    }

    @Test
    @Tag("G-CLUSTER-2")
    void aTasksExceptionFailsTheCallWithItsIndexAndMember() throws Exception {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(x -> { if (x == 13) { throw new IllegalStateException("thirteen"); } return x; },
                        IntStream.range(0, 40).boxed().toList(), 4));
        assertEquals(13, e.taskIndex());
        assertTrue(cluster.memberPids().contains(e.workerPid()), e.getMessage());
        assertEquals("thirteen", e.getCause().getMessage());
        assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2)), "the pool stays usable");
    }

    @Test
    @Tag("G-CLUSTER-2")
    void applyRunsOneCall() throws Exception {
        assertEquals("ab", pool.apply(s -> s + "b", "a"));
    }
}
