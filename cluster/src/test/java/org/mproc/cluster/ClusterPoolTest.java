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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.TaskFailedException;

/** A cluster pool on two real member JVMs (the shared test cluster): map in input order, computed in the members, a task's exception. */
@Timeout(180)
@ExtendWith(SharedTestCluster.class)
class ClusterPoolTest {
    private static Cluster cluster;
    private static ClusterPool pool;

    @BeforeAll
    static void useTheSharedCluster(Cluster shared, ClusterPool sharedPool) {
        cluster = shared;
        pool = sharedPool;
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
    void aMemberThreadDecodesAFunctionOnceAndNoTwoThreadsShareIt() throws Exception {
        int[] calls = {0}; // captured: each decoded copy of the function counts its own calls
        List<String> out = pool.map(x -> ProcessHandle.current().pid() + "/" + Thread.currentThread().getId() + " " + ++calls[0],
                IntStream.range(0, 120).boxed().toList(), 1);
        java.util.Map<String, List<Integer>> countsByThread = out.stream().map(r -> r.split(" ")).collect(Collectors.groupingBy(
                r -> r[0], Collectors.mapping(r -> Integer.valueOf(r[1]), Collectors.toList())));
        for (java.util.Map.Entry<String, List<Integer>> thread : countsByThread.entrySet()) {
            List<Integer> counts = thread.getValue().stream().sorted().toList();
            assertEquals(IntStream.rangeClosed(1, counts.size()).boxed().toList(), counts,
                    "member/thread " + thread.getKey() + " ran one copy, kept from chunk to chunk and used by it alone");
        }
        assertEquals(new HashSet<>(cluster.memberPids()),
                countsByThread.keySet().stream().map(k -> Long.valueOf(k.split("/")[0])).collect(Collectors.toSet()));
    }

    @Test
    @Tag("G-CLUSTER-2")
    void repliesStartNoThreadPerTaskInTheCaller() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        pool.map(x -> x, IntStream.range(0, 20).boxed().toList(), 1); // the pool's waiting thread exists
        long before = threads.getTotalStartedThreadCount();
        pool.map(x -> x + 1, IntStream.range(0, 300).boxed().toList(), 1);
        long started = threads.getTotalStartedThreadCount() - before;
        assertTrue(started < 30, "300 chunks started " + started + " threads in the caller");
    }

    @Test
    @Tag("G-CLUSTER-2")
    void applyRunsOneCall() throws Exception {
        assertEquals("ab", pool.apply(s -> s + "b", "a"));
    }

    @Test
    @Tag("G-CLUSTER-2")
    void theAsyncAndIteratingFormsGiveTheSameResults() throws Exception {
        List<Integer> input = IntStream.range(0, 30).boxed().toList();
        List<Integer> doubled = input.stream().map(x -> x * 2).toList();
        assertEquals(doubled, pool.mapAsync(x -> x * 2, input, 4).get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Integer.valueOf(9), pool.applyAsync(x -> x * 3, 3).get(60, java.util.concurrent.TimeUnit.SECONDS));
        List<Integer> inOrder = new java.util.ArrayList<>();
        try (org.mproc.ResultIterator<Integer> it = pool.imap(x -> x * 2, input, 4)) {
            it.forEachRemaining(inOrder::add);
        }
        assertEquals(doubled, inOrder);
        List<Integer> unordered = new java.util.ArrayList<>();
        try (org.mproc.ResultIterator<Integer> it = pool.imapUnordered(x -> x * 2, input, 4)) {
            it.forEachRemaining(unordered::add);
        }
        assertEquals(doubled, unordered.stream().sorted().toList());
        try (org.mproc.ResultIterator<Object> nulls = pool.imap(x -> null, List.of(1, 2), 1)) {
            assertEquals(null, nulls.next());
            assertEquals(null, nulls.next());
            assertFalse(nulls.hasNext(), "a null result is a result");
        }
        try (org.mproc.ResultIterator<Integer> it = pool.imap(x -> { if (x == 5) { throw new IllegalStateException("five"); } return x; },
                input, 2)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, it.next());
            }
            TaskFailedException e = assertThrows(TaskFailedException.class, it::next);
            assertEquals(5, e.taskIndex());
        }
    }
}
