package org.mproc.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runnable scenario programs print what the seed's Python prints, and what their prose promises
 * beyond it (04's stack overflow in a worker, 05b's lock, 05c's atomic update and 05d's word
 * count). Each runs in this JVM with {@code System.out} and {@code System.err} captured (the
 * children's lines are copied to whatever those are at the time).
 */
class ScenarioProgramsTest {
    private static final Pattern START = Pattern.compile("Start ([AB]) \\(PID: (\\d+)\\)");
    private static final Pattern STACK_OVERFLOW = Pattern.compile(
            "factorial\\(200000\\): TaskFailedException caused by java\\.lang\\.StackOverflowError in worker (\\d+)");

    private record Captured(List<String> out, List<String> err) {}

    private interface Program {
        void main() throws Exception;
    }

    private static synchronized Captured run(Program program) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            program.main();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Captured(lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    @Test
    @Tag("G-PROC-5")
    void scenario01RunsTwoChildrenInParallelInTheirOwnJvms() throws Exception {
        Captured c = run(() -> Scenario01BasicProcess.main(new String[0]));
        assertEquals(4, c.out().size(), () -> c.out().toString());
        Matcher first = START.matcher(c.out().get(0));
        Matcher second = START.matcher(c.out().get(1));
        assertTrue(first.matches() && second.matches(), () -> "both starts come first: " + c.out());
        assertNotEquals(first.group(1), second.group(1));
        assertNotEquals(first.group(2), second.group(2), "two processes");
        long self = ProcessHandle.current().pid();
        assertNotEquals(Long.toString(self), first.group(2));
        assertNotEquals(Long.toString(self), second.group(2));
        assertEquals(List.of("End A", "End B"), c.out().subList(2, 4).stream().sorted().collect(Collectors.toList()));
    }

    @Test
    @Tag("G-POOL-1")
    void scenario02PrintsTheSquaresInInputOrder() throws Exception {
        Captured c = run(() -> Scenario02PoolMap.main(new String[0]));
        assertEquals(List.of("[1, 4, 9, 16, 25]"), c.out(), () -> "stderr: " + c.err());
    }

    @Test
    @Tag("G-QUEUE-1")
    @Tag("G-QUEUE-3")
    void scenario03ConsumerPrintsTheProducersListWithItsNull() throws Exception {
        Captured c = run(() -> Scenario03QueueSharing.main(new String[0]));
        assertEquals(List.of("[42, null, hello]"), c.out(), () -> "stderr: " + c.err());
    }

    @Test
    @Tag("G-POOL-1")
    void scenario04PrintsTheFactorialsInInputOrder() throws Exception {
        Captured c = run(() -> Scenario04ParallelFactorial.main(new String[0]));
        assertEquals(3, c.out().size(), () -> c.out() + ", stderr: " + c.err());
        assertEquals("[120, 720, 5040, 40320]", c.out().get(0));
    }

    @Test
    @Tag("G-POOL-3")
    void scenario04ReportsTheWorkersStackOverflowAndThePoolKeepsWorking() throws Exception {
        Captured c = run(() -> Scenario04ParallelFactorial.main(new String[0]));
        assertEquals(3, c.out().size(), () -> c.out() + ", stderr: " + c.err());
        Matcher overflow = STACK_OVERFLOW.matcher(c.out().get(1));
        assertTrue(overflow.matches(), () -> "a TaskFailedException caused by StackOverflowError: " + c.out());
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), overflow.group(1), "it failed in a worker");
        assertEquals("[1, 2, 6, 24]", c.out().get(2), "the pool still works after the overflow");
    }

    @Test
    @Tag("G-MGR-2")
    void scenario05PrintsOneCountBetweenOneAndFive() throws Exception {
        Captured c = run(() -> Scenario05ManagerSharedState.main(new String[0]));
        assertEquals(1, c.out().size(), () -> c.out() + ", stderr: " + c.err());
        assertTrue(c.out().get(0).matches("[1-5]"),
                () -> "the seed's print(shared.value): 5, or 1 to 4 after lost updates; got " + c.out());
    }

    @Test
    @Tag("G-MGR-3")
    void scenario05bLockedUpdatesAlwaysPrintFive() throws Exception {
        Captured c = run(() -> Scenario05bManagerLocked.main(new String[0]));
        assertEquals(List.of("5"), c.out(), () -> "stderr: " + c.err());
    }

    @Test
    @Tag("G-MGR-3")
    void scenario05cAtomicUpdatesAlwaysPrintFive() throws Exception {
        Captured c = run(() -> Scenario05cManagerAtomic.main(new String[0]));
        assertEquals(List.of("5"), c.out(), () -> "stderr: " + c.err());
    }

    @Test
    @Tag("G-MGR-10")
    void scenario05dPrintsTheWordCountsOfTheWholeTextExactly() throws Exception {
        Captured c = run(() -> Scenario05dWordCount.main(new String[0]));
        assertEquals(List.of("{a=3, and=2, at=1, barrier=1, child=2, counts=4, dict=1, each=3, in=1, is=1, its=2, manager=1, "
                + "merge=2, of=3, one=1, process=2, share=1, text=1, the=6, waits=1, word=3, words=1}"), c.out(),
                () -> "stderr: " + c.err());
    }

    @Test
    @Tag("G-PROC-1")
    @Tag("G-PROC-3")
    void scenario06PrintsThePythonLineAndTheChildsTrace() throws Exception {
        Captured c = run(() -> Scenario06ExceptionHandling.main(new String[0]));
        assertEquals(List.of("Process finished (may have errored)"), c.out());
        assertTrue(c.err().stream().anyMatch(l -> l.matches("Process ChildProcess-\\d+:")), () -> c.err().toString());
        assertTrue(c.err().contains("java.lang.RuntimeException: Oops!"), () -> c.err().toString());
        assertTrue(c.err().stream().anyMatch(l -> l.contains("Scenario06ExceptionHandling.risky")),
                () -> c.err().toString());
        assertEquals("mproc: exit code 1, failure() = java.lang.RuntimeException: Oops!",
                c.err().get(c.err().size() - 1));
    }
}
