package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mproc.internal.spawn.ChildHeap.CEILING;
import static org.mproc.internal.spawn.ChildHeap.FLOOR;
import static org.mproc.internal.spawn.ChildHeap.MIB;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.testkit.TreeOptions;

/**
 * G-PROC-12: the max heap a child gets when no option chooses one — a share of physical memory
 * within [512 MiB, 1 GiB] — and the options that count as choosing one.
 */
@Tag("G-PROC-12")
class ChildHeapTest {
    private static final long GIB = 1024 * MIB;
    private static final long SHARE = 768 * MIB;

    @Test
    void theShareIsAQuarterOfMemoryPerCoreWithinTheBounds() {
        assertEquals(CEILING, ChildHeap.share(OptionalLong.of(24 * GIB), 2), "this 24 GB, 2-core box");
        assertEquals(768 * MIB, ChildHeap.share(OptionalLong.of(12 * GIB), 4));
        assertEquals(FLOOR, ChildHeap.share(OptionalLong.of(64 * GIB), 64), "many cores: the floor");
        assertEquals(CEILING, ChildHeap.share(OptionalLong.of(1024 * GIB), 8), "much memory: the ceiling");
    }

    @Test
    void theShareNeverExceedsTheJvmsOwnDefaultOfAQuarterOfMemory() {
        assertEquals(256 * MIB, ChildHeap.share(OptionalLong.of(GIB), 1));
        qt().forAll(longs().between(64 * MIB, 4096 * GIB), integers().between(1, 512))
                .checkAssert((physical, cores) -> {
                    long share = ChildHeap.share(OptionalLong.of(physical), cores);
                    assertTrue(share <= physical / 4 && share <= CEILING, () -> physical + " B, " + cores + " cores: " + share);
                    assertTrue(share >= Math.min(FLOOR, physical / 4), () -> physical + " B, " + cores + " cores: " + share);
                });
    }

    @Test
    void unknownMemoryGivesTheFloor() {
        assertEquals(FLOOR, ChildHeap.share(OptionalLong.empty(), 2));
    }

    @Test
    void withoutHeapOptionsTheShareIsAdded() {
        assertEquals(List.of("-Xmx768m"), ChildHeap.unlessSet(List.of(), SHARE));
        assertEquals(List.of("-Xmx768m"), ChildHeap.unlessSet(List.of("-Dx=1", "-XX:+UseSerialGC"), SHARE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx2g", "-Xmx64m", "-XX:MaxHeapSize=3g", "-XX:MaxRAM=8g", "-XX:MaxRAMPercentage=50",
        "-XX:MaxRAMFraction=2"})
    void anOptionThatSetsTheMaxHeapLeavesTheDefaultOut(String option) {
        assertEquals(List.of(), ChildHeap.unlessSet(List.of("-Dx=1", option, "-ea"), SHARE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:InitialRAMPercentage=50", "-Dnote=-Xmx2g", "-XX:+UseSerialGC", "-Xss512k"})
    void anOptionThatDoesNotSetTheMaxHeapKeepsTheDefault(String option) {
        assertEquals(List.of("-Xmx768m"), ChildHeap.unlessSet(List.of(option), SHARE));
    }

    @Test
    void anInitialHeapAboveTheShareRaisesTheDefaultSoTheChildCanStart() {
        assertEquals(List.of("-Xmx2048m"), ChildHeap.unlessSet(List.of("-Xms2g"), SHARE));
        assertEquals(List.of("-Xmx3072m"), ChildHeap.unlessSet(List.of("-XX:InitialHeapSize=3g", "-Xms1g"), SHARE));
        assertEquals(List.of("-Xmx1026m"), ChildHeap.unlessSet(List.of("-XX:MinHeapSize=1049601k"), SHARE),
                "rounded up to whole MiB, never below the initial heap");
        assertEquals(List.of("-Xmx768m"), ChildHeap.unlessSet(List.of("-Xms64m"), SHARE));
        assertEquals(List.of(), ChildHeap.unlessSet(List.of("-Xmsplenty"), SHARE), "the JVM reports what it cannot read");
    }

    @Test
    void sizesReadAsHotSpotReadsThem() {
        assertEquals(OptionalLong.of(512), ChildHeap.size("512"));
        assertEquals(OptionalLong.of(64 * 1024), ChildHeap.size("64k"));
        assertEquals(OptionalLong.of(64 * MIB), ChildHeap.size("64M"));
        assertEquals(OptionalLong.of(2 * GIB), ChildHeap.size("2g"));
        assertEquals(OptionalLong.of(1024 * GIB), ChildHeap.size("1T"));
        for (String bad : List.of("", "m", "2x", "-1g", "1.5g", "99999999999999t")) {
            assertEquals(OptionalLong.empty(), ChildHeap.size(bad), bad);
        }
    }

    @Test
    void memoryIsReadFromMeminfoAndCgroupFiles() {
        assertEquals(24683784L * 1024, ChildHeap.limit("MemTotal:       24683784 kB\nMemFree:  1 kB\n"));
        assertEquals(24683784L * 1024, ChildHeap.limit("Other: 5 kB\nMemTotal: 24683784 kB\n"));
        assertEquals(2 * GIB, ChildHeap.limit("2147483648\n"), "a cgroup limit");
        assertEquals(Long.MAX_VALUE, ChildHeap.limit("max\n"), "cgroup v2: no limit");
        assertEquals(Long.MAX_VALUE, ChildHeap.limit("9223372036854771712\n"), "cgroup v1: no limit");
        assertEquals(Long.MAX_VALUE, ChildHeap.limit("MemTotal: lots\n"));
    }

    @Test
    void theLeastReadableLimitIsTheMemory(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 8388608 kB\nMemFree: 4 kB\n");
        Path cgroup = Files.writeString(dir.resolve("memory.max"), "2147483648\n");
        Path unlimited = Files.writeString(dir.resolve("unlimited"), "max\n");
        Path missing = dir.resolve("missing");
        assertEquals(OptionalLong.of(8 * GIB), ChildHeap.physicalMemory(List.of(meminfo, unlimited, missing)));
        assertEquals(OptionalLong.of(2 * GIB), ChildHeap.physicalMemory(List.of(meminfo, cgroup)));
        assertEquals(OptionalLong.empty(), ChildHeap.physicalMemory(List.of(missing, unlimited)));
    }

    @Test
    void theCommandCarriesTheDefaultOnlyWhenNoOptionSetsTheHeap() throws Exception {
        assumeTrue(System.getenv("JAVA_TOOL_OPTIONS") == null && System.getenv("JDK_JAVA_OPTIONS") == null,
                "the environment may set the heap itself");
        List<String> command = TreeOptions.with("", () -> JvmCommand.build("cp", List.of("-Dx=1"), WorkerMain.class));
        List<String> heap = heapOptions(command);
        assertEquals(1, heap.size(), () -> "one default in " + command);
        long share = ChildHeap.share(ChildHeap.physicalMemory(ChildHeap.MEMORY_FILES),
                Runtime.getRuntime().availableProcessors());
        assertEquals("-Xmx" + (share + MIB - 1) / MIB + "m", heap.get(0), "this machine's share");
        assertTrue(command.indexOf(heap.get(0)) < command.indexOf("-Dx=1"), "before the caller's options");
        assertEquals(List.of("-Xmx96m"),
                heapOptions(TreeOptions.with("", () -> JvmCommand.build("cp", List.of("-Xmx96m"), WorkerMain.class))));
        assertEquals(List.of("-Xmx80m"),
                heapOptions(TreeOptions.with("-Xmx80m", () -> JvmCommand.build("cp", List.of(), WorkerMain.class))));
    }

    private static List<String> heapOptions(List<String> command) {
        return command.stream().filter(o -> o.startsWith("-Xmx")).collect(Collectors.toList());
    }
}
