package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.internal.spawn.ProcessTree;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pids;

/**
 * G-PROC-7 for a root process: a plain {@code java} program (not itself an mproc child) that is
 * killed with SIGKILL leaves no child alive after 2 s; the next root removes the tree directory it
 * could not remove itself. These are also G-PROC-11's SIGKILL (its other signals are
 * {@link ParentSignalsTest}'s).
 */
class RootKilledTest {

    @Test
    @Tag("G-PROC-7")
    @Tag("G-PROC-11")
    void childrenOfAKilledRootExitWithinTwoSecondsAndItsDirectoryIsSweptLater() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RootProgram.class.getName());
        Process root = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Long> children = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(root.getInputStream()));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("children "), "root said: " + line);
            String[] words = line.split(" ");
            children.add(Long.parseLong(words[1]));
            children.add(Long.parseLong(words[2]));
            Path tree = Paths.get(words[4]);
            assertTrue(Files.isDirectory(tree));

            root.destroyForcibly();
            assertTrue(root.waitFor(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
            await().atMost(Delays.scaled(Duration.ofSeconds(2))).pollInterval(Duration.ofMillis(20))
                    .until(() -> children.stream().allMatch(Pids::hasExited));

            assertTrue(Files.isDirectory(tree), "a SIGKILLed root cannot remove its own directory");
            ProcessTree.sweepStaleTrees();
            assertFalse(Files.exists(tree), "the next root sweeps the directory of a dead root");
        } finally {
            root.destroyForcibly();
            children.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** A worker reads its socket only between chunks; a busy one still sees its parent die. */
    @Test
    @Tag("G-PROC-7")
    @Tag("G-PROC-11")
    void busyPoolWorkersOfAKilledRootExitWithinTwoSeconds() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RootProgram.class.getName(), "pool");
        Process root = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Long> workers = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(root.getInputStream()));
            while (workers.size() < 2) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("busy "), "root said: " + line);
                workers.add(Long.parseLong(line.substring("busy ".length())));
            }
            assertTrue(workers.stream().noneMatch(Pids::hasExited), "both workers run a task");

            root.destroyForcibly();
            assertTrue(root.waitFor(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
            await().atMost(Delays.scaled(Duration.ofSeconds(2))).pollInterval(Duration.ofMillis(20))
                    .until(() -> workers.stream().allMatch(Pids::hasExited));
        } finally {
            root.destroyForcibly();
            workers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            ProcessTree.sweepStaleTrees();
        }
    }
}
