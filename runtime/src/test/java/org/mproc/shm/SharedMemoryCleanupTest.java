package org.mproc.shm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.SharedMemory;
import org.mproc.internal.spawn.ProcessTree;
import org.mproc.internal.spawn.SegmentDirectory;
import org.mproc.process.RunningRoot;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pids;

/**
 * G-SHM-4: a tree's segments never outlive it. A root that exits removes its segment directory
 * and names on stderr the segments never unlinked; a root killed by SIGKILL together with its
 * children leaves the directory, which the next root's sweep removes; and no tree sees another
 * tree's segments.
 */
@Tag("G-SHM-4")
class SharedMemoryCleanupTest {

    private static Path segmentsOf(RunningRoot root) {
        return Paths.get(root.awaitLine("segments ", Delays.LONG).substring("segments ".length()));
    }

    @Test
    void aRootThatExitsRemovesItsSegmentsAndNamesThoseNeverUnlinked() throws Exception {
        try (RunningRoot root = RunningRoot.start(SegmentRootProgram.class, false, "exit")) {
            Path segments = segmentsOf(root);
            assertEquals(0, root.awaitExit(Delays.LONG), () -> "the root printed " + root.lines());
            assertFalse(Files.exists(segments), segments + " is left");
            List<String> warnings = root.lines().stream().filter(l -> l.contains("never unlinked")).collect(Collectors.toList());
            assertEquals(List.of("mproc: 2 shared memory segment(s) of this process tree were never unlinked; "
                    + "removed at exit: kept-a, kept-by-child"), warnings, () -> "the root printed " + root.lines());
        }
    }

    @Test
    void theSegmentsOfARootKilledWithItsChildrenAreSweptByTheNextRoot() throws Exception {
        try (RunningRoot root = RunningRoot.start(SegmentRootProgram.class, false, "kill")) {
            Path segments = segmentsOf(root);
            assertEquals(Set.of("left-behind"), Set.of(SegmentDirectory.segmentNames(segments)));
            assertTrue(segments.getFileName().toString().startsWith("mproc-" + root.pid() + "-"), segments.toString());
            assertThrows(NoSuchElementException.class, () -> SharedMemory.attach("left-behind"),
                    "another tree's segment is not this tree's");
            Set<Long> children = root.descendants();
            assertFalse(children.isEmpty());

            root.signal("KILL", false);
            root.awaitExit(Delays.CHILD);
            await().atMost(Delays.scaled(Duration.ofSeconds(2))).pollInterval(Duration.ofMillis(20))
                    .until(() -> children.stream().allMatch(Pids::hasExited));
            assertTrue(Files.isDirectory(segments), "a SIGKILLed root cannot remove its segments");

            ProcessTree.sweepStaleTrees();
            assertFalse(Files.exists(segments), "the next root sweeps the segments of a dead root");
        }
    }

    @Test
    void theSweepLeavesTheSegmentsOfLiveRootsAlone() {
        String name = "alive-" + ProcessHandle.current().pid();
        try (SharedMemory shm = SharedMemory.create(name, 8)) {
            ProcessTree.sweepStaleTrees();
            try (SharedMemory again = SharedMemory.attach(name)) {
                assertEquals(8, again.size());
            }
            shm.unlink();
        }
    }
}
