package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.JvmShutdownException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pids;

/**
 * G-PROC-11: what a parent's signals do to its children. A {@link ShutdownProgram} runs as a root
 * process with a pool call in flight and a non-daemon child; the test signals it, reads what it
 * printed, and watches every process it started by pid. SIGKILL is {@link RootKilledTest}'s.
 */
class ParentSignalsTest {
    private static final String CANCELLED = "call failed " + JvmShutdownException.class.getName() + ": pool call ";
    private static final String BECAUSE = " because this JVM is shutting down";
    private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "TERM", 15);
    /** How long the parent is watched waiting for its non-daemon child. */
    private static final Duration WAITS_FOR_CHILD = Delays.scaled(Duration.ofSeconds(1));

    /** The root with its pool call running on both workers and its non-daemon child started. */
    private record Started(List<Long> workers, long plain, Set<Long> descendants) {}

    private static Started started(RunningRoot root) {
        List<Long> workers = root.awaitPids("busy ", 2, Delays.LONG);
        long plain = root.awaitPids("plain ", 1, Delays.LONG).get(0);
        Set<Long> descendants = root.descendants();
        Set<Long> expected = new HashSet<>(workers);
        expected.add(plain);
        assertEquals(expected, descendants, "the root's descendants: its two workers and its non-daemon child");
        return new Started(workers, plain, descendants);
    }

    private static List<Long> childrenAtExit(RunningRoot root) {
        String line = root.awaitLine("children at exit", Delays.LONG);
        return Stream.of(line.substring("children at exit".length()).trim().split(" ")).filter(w -> !w.isEmpty())
                .map(Long::parseLong).collect(Collectors.toList());
    }

    /** The parent waits for its children's end before its own: none is left when it has exited. */
    private static void assertAllExited(Set<Long> pids) {
        Set<Long> left = pids.stream().filter(pid -> !Pids.hasExited(pid)).collect(Collectors.toSet());
        assertEquals(Set.of(), left, "processes the parent started, alive after it exited");
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    @Tag("G-PROC-11")
    void aSignalledParentCancelsItsPoolCallWaitsForItsNonDaemonChildAndLeavesNoProcess(String signal,
            @TempDir Path dir) throws Exception {
        Path go = dir.resolve("go");
        try (RunningRoot root = RunningRoot.start(ShutdownProgram.class, false, "call", go.toString())) {
            Started s = started(root);

            if (signal.equals("TERM")) {
                ProcessHandle.of(root.pid()).orElseThrow().destroy();
            } else {
                root.signal(signal, false);
            }

            String outcome = root.awaitLine("call failed ", Delays.LONG);
            assertTrue(outcome.startsWith(CANCELLED) && outcome.endsWith(BECAUSE),
                    "the call is cancelled by the shutdown, not failed by a worker's death: " + outcome);
            assertEquals(List.of(s.plain()), childrenAtExit(root),
                    "the workers were terminated and none replaced; the non-daemon child runs on");
            await().during(WAITS_FOR_CHILD).atMost(WAITS_FOR_CHILD.multipliedBy(3))
                    .until(() -> root.isAlive() && !Pids.hasExited(s.plain()));

            Files.createFile(go);
            assertEquals(128 + SIGNALS.get(signal), root.awaitExit(Delays.CHILD));
            assertTrue(root.lines().contains("plain done") && root.lines().contains("plain exit 0"),
                    () -> "the parent waited for its non-daemon child to finish: " + root.lines());
            assertAllExited(s.descendants());
        }
    }

    /**
     * A Ctrl-C in a terminal sends SIGINT to the whole foreground process group, and children stay
     * in their parent's group: each child, running with {@code -Xrs}, ends at once on it.
     */
    @Test
    @Tag("G-PROC-11")
    void aCtrlCReachesEveryProcessOfTheGroupAndEndsTheChildrenAtOnce(@TempDir Path dir) throws Exception {
        Path go = dir.resolve("go");
        try (RunningRoot root = RunningRoot.start(ShutdownProgram.class, true, "call", go.toString())) {
            Started s = started(root);
            assertEquals(root.pid(), RunningRoot.processGroup(root.pid()), "the root leads its own group");
            for (long pid : s.descendants()) {
                assertEquals(root.pid(), RunningRoot.processGroup(pid), "child " + pid + " is in its parent's group");
            }

            root.signal("INT", true);

            assertEquals(130, root.awaitExit(Delays.CHILD));
            assertTrue(root.lines().contains("plain exit -2") && !root.lines().contains("plain done"),
                    () -> "the non-daemon child ended at once on SIGINT: " + root.lines());
            String outcome = root.awaitLine("call failed ", Delays.SHORT);
            assertTrue(outcome.startsWith(CANCELLED) && outcome.endsWith(BECAUSE),
                    "the workers' end by the same Ctrl-C is not taken for their death: " + outcome);
            List<Long> left = childrenAtExit(root);
            assertTrue(List.of(s.plain()).containsAll(left), "no worker was replaced: " + left);
            assertAllExited(s.descendants());
        }
    }

    /**
     * Only a JVM that is shutting down can show this, so the program's own shutdown hook does it,
     * once mproc's has begun: after {@code main} returned (its last non-daemon thread ended) or
     * after {@code System.exit}, alike.
     */
    @ParameterizedTest(name = "after {0}")
    @ValueSource(strings = {"return", "exit"})
    @Tag("G-PROC-11")
    void duringShutdownSubmissionsFailAsCancelledAndNoChildStarts(String how) throws Exception {
        try (RunningRoot root = RunningRoot.start(ShutdownProgram.class, false, "hook-submits", how)) {
            root.awaitLine("ready", Delays.LONG);
            Set<Long> before = root.descendants();
            assertEquals(0, root.awaitExit(Delays.LONG), () -> root.lines().toString());
            String refused = " failed " + JvmShutdownException.class.getName() + ": ";
            for (String what : List.of("apply", "applyAsync")) {
                String line = root.awaitLine(what + " ", Delays.SHORT);
                assertTrue(line.startsWith(what + refused + "pool call ") && line.endsWith(" was cancelled" + BECAUSE),
                        line);
            }
            assertEquals("start" + refused + "cannot start a child JVM for late" + BECAUSE,
                    root.awaitLine("start ", Delays.SHORT));
            assertEquals("new pool" + refused + "the pool could not start" + BECAUSE,
                    root.awaitLine("new pool ", Delays.SHORT));
            assertAllExited(before);
            assertFalse(root.lines().stream().anyMatch(l -> l.contains("Exception in thread")), () -> root.lines().toString());
        }
    }
}
