package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mproc.internal.spawn.ProcessTree;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pids;

/**
 * A test program run as a root process, a child JVM of the test (not an mproc child), like
 * {@link RootKilledTest}'s: its output lines as they come, its descendants, the signals it gets.
 * Closing it kills it and every descendant it was seen to have, by pid, and sweeps the tree
 * directory a killed root leaves. Public for the tests of other packages that run a root
 * ({@code org.mproc.shm}'s).
 */
public final class RunningRoot implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Set<Long> seen = new HashSet<>();

    private RunningRoot(Process process) {
        this.process = process;
        Thread drain = new Thread(this::drain, "root-output-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Runs {@code main} with {@code args}; with {@code ownGroup} it leads a new session and process
     * group (through {@code setsid}, which execs in place: the pid is the JVM's), as a program
     * started from a terminal leads its own foreground group.
     */
    public static RunningRoot start(Class<?> main, boolean ownGroup, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("setsid");
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:+UseSerialGC", "-Dmproc.childJvmOptions=" + System.getProperty("mproc.childJvmOptions", ""),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new RunningRoot(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void drain() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output broke: " + e + ")");
        }
    }

    public long pid() {
        return process.pid();
    }

    public List<String> lines() {
        return lines;
    }

    /** The first line that starts with {@code prefix}, waiting for it. */
    public String awaitLine(String prefix, Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(20)).alias("a line '" + prefix + "…' in " + lines)
                .until(() -> lines.stream().anyMatch(l -> l.startsWith(prefix)));
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The pids of the lines that start with {@code prefix} (and end with a pid), waiting for {@code count}. */
    public List<Long> awaitPids(String prefix, int count, Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(20)).alias(count + " lines '" + prefix + "…' in " + lines)
                .until(() -> lines.stream().filter(l -> l.startsWith(prefix)).count() >= count);
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> Long.parseLong(l.substring(prefix.length())))
                .collect(Collectors.toList());
    }

    /** Every live descendant now, remembered for {@link #close()}. */
    public synchronized Set<Long> descendants() {
        Set<Long> pids = process.toHandle().descendants().map(ProcessHandle::pid)
                .filter(pid -> !Pids.hasExited(pid)).collect(Collectors.toSet());
        seen.addAll(pids);
        return pids;
    }

    /** Sends {@code signal} ("INT", "TERM", …) to the root alone, or with {@code group} to its whole process group. */
    public void signal(String signal, boolean group) throws IOException, InterruptedException {
        String target = group ? "-" + pid() : Long.toString(pid());
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", target).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kill.waitFor(), "kill -s " + signal + " -- " + target + ": " + said);
    }

    /** The root's exit value, once it has exited within {@code bound}. */
    public int awaitExit(Duration bound) {
        await().atMost(bound).alias("the root's exit; it printed " + lines).until(() -> !process.isAlive());
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process group of a live process, from {@code /proc/<pid>/stat} (the field after the state and the parent). */
    public static long processGroup(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            descendants();
        }
        process.destroyForcibly();
        seen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try {
            process.waitFor(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await().atMost(Delays.CHILD).pollInterval(Duration.ofMillis(20))
                .until(() -> seen.stream().allMatch(Pids::hasExited));
        ProcessTree.sweepStaleTrees();
    }
}
