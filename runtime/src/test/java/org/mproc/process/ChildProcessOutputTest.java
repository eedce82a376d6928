package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-4: the child's stdout and stderr reach the parent's streams as whole lines, in order per
 * stream; protocol never shows on them and output never disturbs the protocol; when
 * {@code join()} returns, everything the child wrote has been delivered.
 */
@Tag("G-PROC-4")
class ChildProcessOutputTest {
    private static final int LINES = 3000;
    private static final String PADDING = "x".repeat(5000); // lines longer than a pipe's atomic write

    static void writeBothStreamsConcurrently() throws InterruptedException {
        Thread err = new Thread(() -> {
            for (int i = 0; i < LINES; i++) {
                System.err.println("err-" + i + "-" + PADDING);
            }
        });
        err.start();
        for (int i = 0; i < LINES; i++) {
            System.out.println("out-" + i + "-" + PADDING);
        }
        err.join();
    }

    @Test
    void linesArriveWholeAndInOrderOnTheParentsOwnStreams() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try (Reaper reaper = new Reaper()) {
            // The pumps look System.out and System.err up per line, so swapping them captures the child.
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            ChildProcess p = reaper.start(new ChildProcess("chatty",
                    ChildProcessOutputTest::writeBothStreamsConcurrently));
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(0), p.exitCode());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertEquals(expected("out"), lines(out), "stdout: exactly the child's lines, whole and in order");
        assertEquals(expected("err"), lines(err), "stderr: exactly the child's lines, whole and in order");
    }

    private static List<String> expected(String stream) {
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            lines.add(stream + "-" + i + "-" + PADDING);
        }
        return lines;
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    static void printLinesThenExit() {
        for (int i = 0; i < 5000; i++) {
            System.out.println("line " + i);
        }
        System.exit(0);
    }

    @Test
    void everythingIsDeliveredWhenJoinReturns() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("last-words")
                    .target(ChildProcessOutputTest::printLinesThenExit).output(seen::add).build());
            p.join();
            // No waiting here: join() itself promises the output is in.
            assertEquals(5000, seen.size());
            assertEquals("line 4999", seen.get(4999));
        }
    }

    /** Bytes that look like frames (an EXIT header, a TASK_FAILED header with a huge length). */
    static void printFrameLookalikesThenExitSeven() {
        byte[] exitFrame = {0, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] failed = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3, 4, 5, 6, 7, 8};
        System.out.write(exitFrame, 0, exitFrame.length);
        System.out.write(failed, 0, failed.length);
        System.out.println();
        System.err.write(failed, 0, failed.length);
        System.err.println();
        System.exit(7);
    }

    @Test
    void outputThatLooksLikeFramesDoesNotReachTheProtocol() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("mimic")
                    .target(ChildProcessOutputTest::printFrameLookalikesThenExitSeven).output(seen::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(7), p.exitCode(), "the exit code comes from the child, not its output");
            assertEquals(Optional.empty(), p.failure(), "no failure was reported, whatever the output said");
            assertEquals(2, seen.size(), () -> "the lookalike bytes arrive as output lines: " + seen);
        }
    }

    @Test
    void protocolNeverAppearsOnTheStreams() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess quiet = reaper.start(ChildProcess.builder().name("quiet").target(() -> { })
                    .output(seen::add).build());
            ChildProcess failing = reaper.start(ChildProcess.builder().name("failing")
                    .target(ChildProcessFailureTest::throwWrapped).output(seen::add).build());
            Reaper.joinWithin(quiet, Delays.CHILD);
            Reaper.joinWithin(failing, Delays.CHILD);
        }
        // The failing child writes only its "Process failing:" report and stack trace.
        assertTrue(seen.size() > 2, () -> seen.toString());
        assertEquals("Process failing:", seen.get(0));
        assertTrue(seen.stream().skip(1).allMatch(line -> line.startsWith("java.lang.IllegalStateException")
                || line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.startsWith("\t... ")),
                () -> "only the report and its trace, nothing else: " + seen);
    }

    /** Prints numbered lines on stdout, each echoed on stderr once it was written, until killed. */
    static void printUntilKilled() {
        for (int i = 0; ; i++) {
            System.out.println("line " + i);
            System.out.flush();
            System.err.println("done " + i);
            System.err.flush();
        }
    }

    /**
     * {@code Process.destroyForcibly} closes the child's streams: lines already in the pipe were
     * lost. Every line the child confirmed on stderr must have arrived on stdout.
     */
    @Test
    void linesWrittenBeforeAKillAllArrive() throws Exception {
        for (int round = 0; round < 10; round++) { // the loss was a race: about one round in fifteen
            List<String> out = new CopyOnWriteArrayList<>();
            List<String> err = new CopyOnWriteArrayList<>();
            // Killed in full flow, with lines still in the pipes.
            java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(200);
            try (Reaper reaper = new Reaper()) {
                ChildProcess child = reaper.start(ChildProcess.builder().name("printer")
                        .target(ChildProcessOutputTest::printUntilKilled)
                        .output(line -> {
                            (line.startsWith("done") ? err : out).add(line);
                            first.countDown();
                        }).build());
                assertTrue(first.await(Delays.CHILD.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                child.kill();
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(OptionalInt.of(-9), child.exitCode());
            }
            int confirmed = err.isEmpty() ? -1 : Integer.parseInt(err.get(err.size() - 1).substring("done ".length()));
            for (int i = 0; i <= confirmed; i++) {
                assertTrue(out.contains("line " + i), "round " + round + ": line " + i
                        + " was confirmed on stderr but never arrived; stdout had " + out);
            }
        }
    }
}
