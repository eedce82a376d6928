package org.mproc.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The live processes of one Linux session, read from {@code /proc}: how the CPython runner finds
 * every process a Python program started, grandchildren re-parented to init included (G-HAR-7).
 * The program is started as the leader of a session of its own, so its pid is the session id and
 * nothing else on the machine shares it.
 *
 * <pre>{@code
 * List<ProcessSession.Member> left = ProcessSession.awaitEmpty(sid, LeakCheck.GRACE);
 * left.forEach(ProcessSession::kill);   // by pid, only members of that session
 * }</pre>
 */
final class ProcessSession {
    private static final Path PROC = Paths.get("/proc");
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private ProcessSession() {}

    /** Whether sessions can be read here (Linux). */
    static boolean supported() {
        return Files.isRegularFile(PROC.resolve("self/stat"));
    }

    /** One process of the session: its pid and its command line as {@code /proc} shows it. */
    record Member(long pid, String command) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + command + ")";
        }
    }

    /** The session's processes alive now, zombies left out (init reaps those). */
    static List<Member> members(long sid) {
        List<Member> members = new ArrayList<>();
        if (!supported()) {
            return members;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                String stat = read(entry.resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue; // gone while we looked
                }
                String[] fields = stat.substring(close + 2).split(" ");
                if (fields.length > 3 && !fields[0].equals("Z") && Long.parseLong(fields[3]) == sid) {
                    members.add(new Member(Long.parseLong(entry.getFileName().toString()), command(entry)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return members;
    }

    /** Waits up to {@code grace} for the session to have no live process; returns those still alive. */
    static List<Member> awaitEmpty(long sid, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Member> alive = members(sid);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            alive = members(sid);
        }
        return alive;
    }

    /** SIGKILLs every live process of the session, one by one by pid. */
    static void killAll(long sid) {
        members(sid).forEach(ProcessSession::kill);
    }

    /**
     * SIGKILLs every live process of the session but CPython's resource tracker: once the others
     * are gone its pipe closes, and it unlinks the named semaphores and shared memory the program
     * registered (a spawned program's locks and queues are named files in /dev/shm), then exits.
     * Killed with the rest, it would leave those files behind.
     */
    static void killAllButTracker(long sid) {
        members(sid).stream().filter(m -> !isResourceTracker(m)).forEach(ProcessSession::kill);
    }

    /** Whether the process is CPython's {@code multiprocessing.resource_tracker}. */
    static boolean isResourceTracker(Member m) {
        return m.command().contains("multiprocessing.resource_tracker");
    }

    /** SIGKILLs one process by its pid. */
    static void kill(Member member) {
        ProcessHandle.of(member.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static String command(Path entry) {
        String line = read(entry.resolve("cmdline")).replace('\0', ' ').trim();
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the process ended while we looked
        }
    }
}
