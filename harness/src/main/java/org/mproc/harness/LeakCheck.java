package org.mproc.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.mproc.internal.spawn.ProcessTree;
import org.mproc.internal.spawn.SegmentDirectory;

/**
 * Checks that a trial gave back what it took (G-HAR-2): no process it started is alive, no shared
 * memory segment it created is left not unlinked (by name), and this process's sockets, pipes and
 * open files under mproc's private directory, and the entries of that directory, are back to the
 * baseline taken after the warm-up trial. Children and peers close their ends asynchronously, so a
 * difference must persist for {@link #GRACE} before it is called a leak.
 *
 * <pre>{@code
 * LeakCheck.Snapshot before = LeakCheck.snapshot();
 * runTrial();
 * List<String> leaks = LeakCheck.leaksSince(before, baseline);   // empty when nothing leaked
 * }</pre>
 *
 * Descriptors are read from {@code /proc/self/fd}; where it does not exist only processes are checked.
 */
public final class LeakCheck {
    /** How long a difference may last before it is a leak: peers close their ends on their own time. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final Path FDS = Paths.get("/proc/self/fd");

    private LeakCheck() {}

    /** What the check covers here. */
    public static String coverage() {
        return Files.isDirectory(FDS) ? "processes, shared memory segments, sockets, pipes, files under mproc's directory"
                : "processes and shared memory segments only (no /proc)";
    }

    /** Live descendants and descriptor counts by kind, now. */
    public static Snapshot snapshot() {
        Set<Long> pids = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toCollection(TreeSet::new));
        return new Snapshot(pids, descriptors(), treeEntries(), segments());
    }

    /**
     * The leaks of a trial: descendants alive now that were not alive before it started, shared
     * memory segments that exist now and did not before it started, and descriptor kinds above
     * {@code baseline}. Waits up to {@link #GRACE} for them to go; empty
     * when nothing leaked.
     */
    public static List<String> leaksSince(Snapshot beforeTrial, Snapshot baseline) {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<String> leaks = compare(beforeTrial, baseline, snapshot());
        while (!leaks.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            leaks = compare(beforeTrial, baseline, snapshot());
        }
        return leaks;
    }

    /** Forcibly ends the descendants alive now that were not alive in {@code before}: only those, by pid. */
    public static void endProcessesSince(Snapshot before) {
        ProcessHandle.current().descendants()
                .filter(p -> !before.processes().contains(p.pid()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    static List<String> compare(Snapshot beforeTrial, Snapshot baseline, Snapshot now) {
        List<String> leaks = new ArrayList<>();
        Set<Long> started = new TreeSet<>(now.processes());
        started.removeAll(beforeTrial.processes());
        if (!started.isEmpty()) {
            leaks.add(started.size() + " process(es) still alive: pid " + started);
        }
        Set<String> segments = new TreeSet<>(now.segments());
        segments.removeAll(beforeTrial.segments());
        if (!segments.isEmpty()) {
            leaks.add(segments.size() + " shared memory segment(s) created and never unlinked: " + segments);
        }
        now.descriptors().forEach((kind, count) -> {
            int before = baseline.descriptors().getOrDefault(kind, 0);
            if (count > before) {
                leaks.add((count - before) + " more " + kind + " descriptor(s) open than after the warm-up (" + count + " vs " + before + ")");
            }
        });
        Set<String> entries = new TreeSet<>(now.treeEntries());
        entries.removeAll(baseline.treeEntries());
        if (!entries.isEmpty()) {
            leaks.add("left in mproc's directory: " + entries);
        }
        return leaks;
    }

    private static TreeMap<String, Integer> descriptors() {
        TreeMap<String, Integer> counts = new TreeMap<>();
        if (!Files.isDirectory(FDS)) {
            return counts;
        }
        String tree = ProcessTree.current().directory().toString();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                String kind = kind(fd, tree);
                if (kind != null) {
                    counts.merge(kind, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            // the listing itself holds a descriptor that closes under us; what was read is counted
        }
        return counts;
    }

    private static String kind(Path fd, String tree) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return null; // closed while we looked
        }
        if (target.startsWith("socket:")) {
            return "socket";
        }
        if (target.startsWith("pipe:")) {
            return "pipe";
        }
        return target.startsWith(tree) ? "file" : null;
    }

    private static Set<String> treeEntries() {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ProcessTree.current().directory())) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            // no directory yet: nothing in it
        }
        return names;
    }

    /** The names of this tree's shared memory segments (G-SHM-4). */
    private static Set<String> segments() {
        return new TreeSet<>(List.of(SegmentDirectory.segmentNames(ProcessTree.current().segmentDirectory())));
    }

    /** Processes, descriptors and segments at one moment. */
    public record Snapshot(Set<Long> processes, TreeMap<String, Integer> descriptors, Set<String> treeEntries,
            Set<String> segments) {}
}
