package org.mproc.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of one Python program, as a trial of the CPython runner (G-HAR-7): the program leads a
 * session of its own, so that after it ends every process it started, however deep, can be found
 * by the session id, waited for ({@link LeakCheck#GRACE}) and, if still alive, named and killed
 * by pid. A program still running at the timeout has its whole session killed by pid. Both output
 * streams are drained on their own threads; stdout must be exactly one {@code outcome: <key>} line.
 *
 * <pre>{@code
 * CPythonProgram.Run run = new CPythonProgram("python3", Path.of("scenarios/cpython/05.py"))
 *         .run(List.of("--start-method", "fork", "--seed", "42", "--trial", "0"), Duration.ofSeconds(6));
 * run.key();   // Optional[4], or empty when it crashed or printed something else
 * }</pre>
 */
final class CPythonProgram {
    /** The line that carries the outcome. */
    static final String PREFIX = "outcome: ";
    private static final int KEPT_LINES = 12;
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** Becomes a session leader, then is the program: the same pid, so the pid is the session id. */
    private static final String LAUNCH =
            "import os, sys; os.setsid(); os.execv(sys.executable, [sys.executable] + sys.argv[1:])";

    private final String python;
    private final Path program;

    /**
     * @param python  the interpreter, a name on PATH or a path
     * @param program the program to run
     */
    CPythonProgram(String python, Path program) {
        this.python = python;
        this.program = program;
    }

    /**
     * How the run ended.
     *
     * @param key       the outcome key, when the program printed exactly one outcome line and exited with 0
     * @param problem   why there is no key: a crash, other output, a timeout; empty when there is a key
     * @param timedOut  whether it was still running at the timeout (its session was then killed)
     * @param leaked    processes of its session still alive {@link LeakCheck#GRACE} after it ended, now killed
     * @param stderr    the last lines of its stderr
     */
    record Run(Optional<String> key, Optional<String> problem, boolean timedOut, List<String> leaked, List<String> stderr) {}

    Run run(List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-c", LAUNCH, program.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        long sid = process.pid();
        process.getOutputStream().close();
        Tail stdout = Tail.drain(process.getInputStream(), "stdout", sid, Integer.MAX_VALUE);
        Tail stderr = Tail.drain(process.getErrorStream(), "stderr", sid, KEPT_LINES);
        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            ProcessSession.killAllButTracker(sid); // the tracker cleans up, then exits: the grace below waits for it
            process.destroyForcibly();
            throw e;
        }
        if (timedOut) {
            ProcessSession.killAllButTracker(sid); // the tracker cleans up, then exits: the grace below waits for it
            process.destroyForcibly();
            process.waitFor();
        }
        List<String> leaked = new ArrayList<>();
        for (ProcessSession.Member m : ProcessSession.awaitEmpty(sid, LeakCheck.GRACE)) {
            leaked.add(m.toString());
            ProcessSession.kill(m);
        }
        stdout.await(DRAIN);
        stderr.await(DRAIN);
        if (timedOut) {
            return new Run(Optional.empty(), Optional.of("no outcome within " + Durations.format(timeout)), true,
                    leaked, stderr.lines());
        }
        return judge(process.exitValue(), stdout.lines(), leaked, stderr.lines());
    }

    private Run judge(int exit, List<String> out, List<String> leaked, List<String> err) {
        List<String> lines = out.stream().filter(l -> !l.isBlank()).toList();
        String name = program.getFileName().toString();
        if (exit != 0) {
            return crashed(name + " exited with " + exit + (lines.isEmpty() ? " and printed nothing" : ""), leaked, err);
        }
        if (lines.size() != 1 || !lines.get(0).startsWith(PREFIX)) {
            String shown = lines.isEmpty() ? "nothing" : lines.size() + " line(s), the first '" + lines.get(0) + "'";
            return crashed(name + " printed " + shown + " instead of one '" + PREFIX + "<key>' line", leaked, err);
        }
        String key = lines.get(0).substring(PREFIX.length());
        if (key.isBlank()) {
            return crashed(name + " printed a blank outcome key", leaked, err);
        }
        return new Run(Optional.of(key), Optional.empty(), false, leaked, err);
    }

    private static Run crashed(String problem, List<String> leaked, List<String> err) {
        return new Run(Optional.empty(), Optional.of(problem), false, leaked, err);
    }

    /** One output stream, read to its end on a thread of its own; keeps the last lines. */
    private static final class Tail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final int keep;
        private final Thread thread;

        private Tail(InputStream in, String name, long pid, int keep) {
            this.keep = keep;
            this.thread = new Thread(() -> read(in), "mproc-cpython-" + name + "-" + pid);
            this.thread.setDaemon(true);
        }

        static Tail drain(InputStream in, String name, long pid, int keep) {
            Tail tail = new Tail(in, name, pid, keep);
            tail.thread.start();
            return tail;
        }

        private void read(InputStream in) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        if (lines.size() == keep) {
                            lines.removeFirst();
                        }
                        lines.addLast(line);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: what was read is kept
            }
        }

        void await(Duration d) throws InterruptedException {
            thread.join(d.toMillis());
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }
}
