package org.mproc.cluster.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One member JVM the library started: {@link MemberMain} with the caller's class path, its
 * settings written to its stdin, its stderr in a log file. {@link #awaitReady} waits for its ready
 * line; {@link #stop} closes its stdin (it then leaves the cluster and exits), and kills it by pid
 * if it has not exited in time. The log file is removed when the member stopped cleanly.
 */
public final class MemberProcess {
    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();

    private MemberProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "mproc-member-stdout " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a member JVM and gives it its settings. */
    public static MemberProcess start(List<String> command, MemberSettings settings, Path logDirectory) throws IOException {
        Path log = logDirectory.resolve(settings.name() + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try (OutputStream stdin = new java.io.FilterOutputStream(p.getOutputStream()) {
            @Override
            public void close() throws IOException {
                flush(); // keep the stream open: its end is the member's signal to stop
            }
        }) {
            stdin.write((settings.lines() + ".\n").getBytes(StandardCharsets.UTF_8));
        }
        return new MemberProcess(settings.name(), p, log);
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            firstLine.complete(line == null ? "" : line);
            while (out.readLine() != null) {
                // a member prints nothing else; drained so it can never block
            }
        } catch (IOException e) {
            firstLine.complete("");
        }
    }

    /**
     * Waits for the member's ready line; returns its address.
     *
     * @throws IllegalStateException naming the member, with its reason or its log's last lines,
     *                               when it failed, exited or did not say it was ready in time
     */
    public String awaitReady(Duration timeout) throws InterruptedException {
        String line;
        try {
            line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("member " + name + " (pid " + pid() + ") did not join within "
                    + timeout.toSeconds() + " s; " + logTail());
        } catch (ExecutionException e) {
            throw new IllegalStateException("member " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
        if (line.startsWith(MemberMain.READY)) {
            return line.substring(MemberMain.READY.length());
        }
        if (line.startsWith(MemberMain.FAILED)) {
            throw new IllegalStateException("member " + name + " could not start: " + line.substring(MemberMain.FAILED.length()));
        }
        throw new IllegalStateException("member " + name + " (pid " + pid() + ") exited before it was ready; " + logTail());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Closes the member's stdin: it leaves the cluster and exits. */
    public void requestStop() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops the member: its stdin closed, then a kill by pid after {@code grace}; waits until it is gone. */
    public void stop(Duration grace) throws InterruptedException {
        requestStop();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        if (process.exitValue() == 0) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // left for the directory's removal
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 8), lines.size()));
            return tail.isEmpty() ? "its stderr was empty" : "its stderr ended: " + String.join(" | ", tail);
        } catch (IOException e) {
            return "its stderr log " + log + " is unreadable";
        }
    }
}
