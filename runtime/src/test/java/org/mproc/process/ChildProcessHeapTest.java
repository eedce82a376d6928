package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.TreeOptions;

/**
 * G-PROC-12: a child whose options set no max heap gets mproc's default, within [512 MiB, 1 GiB]
 * (never above ¼ of physical memory), not the JVM's ¼ of physical memory; an {@code -Xmx} in its
 * {@code jvmOptions} or in {@code -Dmproc.childJvmOptions} replaces the default. Surefire sets the
 * tree-wide {@code -Xmx64m}, so these tests set the property themselves.
 */
@Tag("G-PROC-12")
class ChildProcessHeapTest {
    private static final long MIB = 1L << 20;

    /** What the child ran with: its {@code -Xmx} arguments and its max heap. */
    record Heap(List<String> xmx, long maxMemory) {}

    /** Runs in the child: prints the {@code -Xmx} arguments on one line, the max heap on the next. */
    static void reportHeap() {
        String[] arguments = ProcessHandle.current().info().arguments().orElse(new String[0]);
        System.out.println(Arrays.stream(arguments).filter(a -> a.startsWith("-Xmx")).collect(Collectors.joining(" ")));
        System.out.println(Runtime.getRuntime().maxMemory());
    }

    private static Heap heapOf(List<String> jvmOptions) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("heap").target(ChildProcessHeapTest::reportHeap)
                    .jvmOptions(jvmOptions).output(seen::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(0), p.exitCode(), () -> "child output: " + seen);
        }
        assertEquals(2, seen.size(), () -> "child output: " + seen);
        List<String> xmx = seen.get(0).isEmpty() ? List.of() : List.of(seen.get(0).split(" "));
        return new Heap(xmx, Long.parseLong(seen.get(1)));
    }

    private static long megabytes(String xmx) {
        assertTrue(xmx.matches("-Xmx\\d+m"), xmx);
        return Long.parseLong(xmx.substring(4, xmx.length() - 1));
    }

    @Test
    void aChildWithoutHeapOptionsGetsTheDefaultNotAQuarterOfMemory() throws Exception {
        assumeTrue(System.getenv("JAVA_TOOL_OPTIONS") == null && System.getenv("JDK_JAVA_OPTIONS") == null,
                "the environment may set the heap itself");
        Heap heap = TreeOptions.with("", () -> heapOf(List.of("-Dx=1")));
        assertEquals(1, heap.xmx().size(), () -> "one -Xmx, the default: " + heap);
        long mb = megabytes(heap.xmx().get(0));
        assertTrue(mb <= 1024, () -> "at most 1 GiB (ChildHeapTest checks the exact share): " + heap);
        assertTrue(heap.maxMemory() <= mb * MIB && heap.maxMemory() >= mb * MIB * 9 / 10,
                () -> "the JVM uses it: " + heap);
    }

    /** Runs in the child: allocates until the heap is full. */
    static void fillTheHeap() {
        List<byte[]> kept = new java.util.ArrayList<>();
        while (true) {
            kept.add(new byte[1 << 20]);
        }
    }

    @Test
    void aChildThatRunsOutOfMemoryHasTheErrorAsItsFailureNotAnExitCodeAlone() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("oom").target(ChildProcessHeapTest::fillTheHeap)
                    .jvmOptions(List.of("-Xmx32m")).output(line -> { }).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(3), p.exitCode());
            Throwable failure = p.failure().orElseThrow(() -> new AssertionError("no failure"));
            assertTrue(failure instanceof OutOfMemoryError, failure::toString);
            assertEquals("Java heap space", failure.getMessage());
        }
        try (Reaper reaper = new Reaper()) {
            ChildProcess exit3 = reaper.start(ChildProcess.builder().name("exit3").target(() -> System.exit(3)).build());
            Reaper.joinWithin(exit3, Delays.CHILD);
            assertEquals(OptionalInt.of(3), exit3.exitCode());
            assertTrue(exit3.failure().isEmpty(), "System.exit(3) is not an out-of-memory death");
        }
    }

    @Test
    void anXmxInJvmOptionsReplacesTheDefault() throws Exception {
        Heap heap = TreeOptions.with("", () -> heapOf(List.of("-Xmx96m")));
        assertEquals(List.of("-Xmx96m"), heap.xmx());
        assertTrue(heap.maxMemory() <= 96 * MIB, heap::toString);
    }

    @Test
    void anXmxInTheTreeOptionsReplacesTheDefault() throws Exception {
        Heap heap = TreeOptions.with("-Xmx80m", () -> heapOf(List.of()));
        assertEquals(List.of("-Xmx80m"), heap.xmx());
        assertTrue(heap.maxMemory() <= 80 * MIB, heap::toString);
    }

    @Test
    void aMaxRamPercentageInJvmOptionsAlsoReplacesTheDefault() throws Exception {
        Heap heap = TreeOptions.with("", () -> heapOf(List.of("-XX:MaxRAMPercentage=1")));
        assertEquals(List.of(), heap.xmx(), heap::toString);
    }
}
