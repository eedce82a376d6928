package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.WorkerDiedException;

/**
 * A member JVM SIGKILLed in the middle of a map (G-CLUSTER-4): the call fails with
 * {@link WorkerDiedException} naming the member's pid and its tasks, soon after the kill, and the
 * next call runs on the member that is left; a member frozen by SIGSTOP is declared dead by the
 * cluster within its heartbeat bound, with the same exception.
 */
@Tag("G-CLUSTER-4")
@Timeout(180)
class MemberDeathTest {
    @TempDir
    Path dir;

    /** A map of 40 tasks of 200 ms each, once the member {@code victim} has started one of them. */
    private CompletableFuture<List<Integer>> slowMapRunningOn(ClusterPool pool, long victim) {
        String flag = dir.resolve("started").toString();
        CompletableFuture<List<Integer>> call = pool.mapAsync(x -> {
            Files.writeString(Path.of(flag + ProcessHandle.current().pid()), "");
            Thread.sleep(200);
            return x;
        }, IntStream.range(0, 40).boxed().toList(), 1);
        Awaitility.await("the victim started a task").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> Files.exists(Path.of(flag + victim)));
        return call;
    }

    @Test
    void aKilledMemberFailsTheCallNamingItAndThePoolGoesOnWithTheOthers() throws Exception {
        try (Cluster cluster = Cluster.builder().members(2).start(); ClusterPool pool = cluster.pool()) {
            long victim = cluster.memberPids().get(0);
            CompletableFuture<List<Integer>> call = slowMapRunningOn(pool, victim);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            long killed = System.nanoTime();
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS)).getCause();
            long seenAfterMillis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(failure instanceof WorkerDiedException, String.valueOf(failure));
            WorkerDiedException died = (WorkerDiedException) failure;
            assertEquals(victim, died.pid(), died.getMessage());
            assertTrue(died.getMessage().contains("cluster " + cluster.name()), died.getMessage());
            System.out.println("member death seen by the call " + seenAfterMillis + " ms after the kill: " + died.getMessage());
            assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2)), "the next call runs on the member left");
            assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aFrozenMemberIsDeclaredDeadWithinTheHeartbeatBound() throws Exception {
        try (Cluster cluster = Cluster.builder().members(2).heartbeat(Duration.ofSeconds(3)).start(); ClusterPool pool = cluster.pool()) {
            long victim = cluster.memberPids().get(0);
            CompletableFuture<List<Integer>> call = slowMapRunningOn(pool, victim);
            Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(victim)).start();
            assertEquals(0, stop.waitFor());
            long frozen = System.nanoTime();
            try {
                Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS)).getCause();
                long seenAfterMillis = (System.nanoTime() - frozen) / 1_000_000;
                assertTrue(failure instanceof WorkerDiedException, String.valueOf(failure));
                assertEquals(victim, ((WorkerDiedException) failure).pid(), failure.getMessage());
                System.out.println("frozen member declared dead " + seenAfterMillis + " ms after SIGSTOP (heartbeat bound 3 s): "
                        + failure.getMessage());
                assertEquals(List.of(1, 2), pool.map(x -> x + 1, List.of(0, 1)), "the next call runs on the member left");
            } finally {
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL ends a stopped process too
            }
        }
    }
}
