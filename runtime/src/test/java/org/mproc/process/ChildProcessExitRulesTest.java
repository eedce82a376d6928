package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pids;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-7 (no orphans) and G-PROC-8 (nesting). A middle child starts grandchildren and reports
 * their pids on its stdout; the test then ends the middle child in each way and watches the
 * grandchildren by pid.
 */
class ChildProcessExitRulesTest {
    private static final Duration ORPHAN_BOUND = Delays.scaled(Duration.ofSeconds(2));

    static void grandchildSleeps() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    static void grandchildWorksThenSaysDone() throws InterruptedException {
        Thread.sleep(1500); // the work the middle child must wait for
        System.out.println("grandchild done");
    }

    /** Starts a daemon and a non-daemon grandchild that never end, reports their pids, then waits. */
    static void middleStartsSleepersAndWaits() throws InterruptedException {
        ChildProcess daemon = ChildProcess.builder().name("g-daemon").daemon(true)
                .target(ChildProcessExitRulesTest::grandchildSleeps).build();
        ChildProcess plain = new ChildProcess("g-plain", ChildProcessExitRulesTest::grandchildSleeps);
        daemon.start();
        plain.start();
        System.out.println("grandchildren " + daemon.pid() + " " + plain.pid());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void middleStartsWorkerAndReturns() {
        ChildProcess plain = new ChildProcess("g-worker", ChildProcessExitRulesTest::grandchildWorksThenSaysDone);
        plain.start();
        System.out.println("grandchildren " + plain.pid());
    }

    static void middleStartsDaemonAndReturns() {
        ChildProcess daemon = ChildProcess.builder().name("g-daemon").daemon(true)
                .target(ChildProcessExitRulesTest::grandchildSleeps).build();
        daemon.start();
        System.out.println("grandchildren " + daemon.pid());
    }

    static void middleStartsWorkerAndCallsExit() {
        middleStartsWorkerAndReturns();
        System.exit(4);
    }

    private static List<Long> grandchildren(List<String> lines) {
        await().atMost(Delays.CHILD).until(() -> lines.stream().anyMatch(l -> l.startsWith("grandchildren ")));
        String line = lines.stream().filter(l -> l.startsWith("grandchildren ")).findFirst().orElseThrow();
        return List.of(line.substring("grandchildren ".length()).split(" ")).stream()
                .map(Long::parseLong).collect(Collectors.toList());
    }

    private static void awaitAllGone(List<Long> pids, Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() ->
                pids.stream().allMatch(Pids::hasExited));
    }

    /** Test hygiene: grandchildren are not our descendants once their parent is gone; end them by pid. */
    private static void endByPid(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    @Tag("G-PROC-7")
    @Tag("G-PROC-8")
    void whenTheParentIsKilledEveryChildItStartedExitsWithinTwoSeconds() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> pids = List.of();
        try (Reaper reaper = new Reaper()) {
            ChildProcess middle = reaper.start(ChildProcess.builder().name("middle")
                    .target(ChildProcessExitRulesTest::middleStartsSleepersAndWaits).output(lines::add).build());
            pids = grandchildren(lines);
            assertTrue(pids.stream().allMatch(pid -> ProcessHandle.of(pid).isPresent()), "grandchildren run");
            middle.kill();
            Reaper.joinWithin(middle, Delays.CHILD);
            awaitAllGone(pids, ORPHAN_BOUND);
        } finally {
            endByPid(pids);
        }
    }

    @Test
    @Tag("G-PROC-7")
    void atNormalExitNonDaemonChildrenAreWaitedFor() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> pids = List.of();
        try (Reaper reaper = new Reaper()) {
            ChildProcess middle = reaper.start(ChildProcess.builder().name("middle")
                    .target(ChildProcessExitRulesTest::middleStartsWorkerAndReturns).output(lines::add).build());
            pids = grandchildren(lines);
            Reaper.joinWithin(middle, Delays.CHILD);
            assertEquals(OptionalInt.of(0), middle.exitCode());
            assertTrue(lines.contains("grandchild done"),
                    () -> "the middle child exited before its non-daemon child finished: " + lines);
            awaitAllGone(pids, Delays.SHORT);
        } finally {
            endByPid(pids);
        }
    }

    @Test
    @Tag("G-PROC-7")
    void systemExitAlsoWaitsForNonDaemonChildren() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> pids = List.of();
        try (Reaper reaper = new Reaper()) {
            ChildProcess middle = reaper.start(ChildProcess.builder().name("middle")
                    .target(ChildProcessExitRulesTest::middleStartsWorkerAndCallsExit).output(lines::add).build());
            pids = grandchildren(lines);
            Reaper.joinWithin(middle, Delays.CHILD);
            assertEquals(OptionalInt.of(4), middle.exitCode());
            assertTrue(lines.contains("grandchild done"), () -> lines.toString());
        } finally {
            endByPid(pids);
        }
    }

    @Test
    @Tag("G-PROC-7")
    void atNormalExitDaemonChildrenAreTerminated() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> pids = List.of();
        try (Reaper reaper = new Reaper()) {
            ChildProcess middle = reaper.start(ChildProcess.builder().name("middle")
                    .target(ChildProcessExitRulesTest::middleStartsDaemonAndReturns).output(lines::add).build());
            pids = grandchildren(lines);
            Reaper.joinWithin(middle, Delays.CHILD);
            assertEquals(OptionalInt.of(0), middle.exitCode());
            awaitAllGone(pids, ORPHAN_BOUND);
        } finally {
            endByPid(pids);
        }
    }

    static void nestedChildRunsGrandchild() throws InterruptedException {
        ChildProcess grandchild = new ChildProcess("grandchild", () -> {
            System.out.println("grandchild in " + ProcessHandle.current().pid());
            System.exit(3);
        });
        grandchild.start();
        grandchild.join();
        System.out.println("grandchild exit " + grandchild.exitCode().getAsInt()
                + " failure " + grandchild.failure().isPresent());
        ChildProcess failing = new ChildProcess("failing-grandchild", ChildProcessFailureTest::throwWrapped);
        failing.start();
        failing.join();
        System.out.println("failing grandchild failure " + failing.failure().map(Throwable::getMessage).orElse("-"));
    }

    @Test
    @Tag("G-PROC-8")
    void aChildCanStartAndJoinItsOwnChildren() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess middle = reaper.start(ChildProcess.builder().name("middle")
                    .target(ChildProcessExitRulesTest::nestedChildRunsGrandchild).output(lines::add).build());
            Reaper.joinWithin(middle, Delays.CHILD);
            assertEquals(OptionalInt.of(0), middle.exitCode(), () -> lines.toString());
            assertEquals(Optional.empty(), middle.failure());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("grandchild in ")), () -> lines.toString());
        assertTrue(lines.contains("grandchild exit 3 failure false"), () -> lines.toString());
        assertTrue(lines.contains("failing grandchild failure outer"), () -> lines.toString());
    }
}
