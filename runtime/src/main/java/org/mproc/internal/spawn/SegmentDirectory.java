package org.mproc.internal.spawn;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Where the shared memory segments of one tree live (G-SHM-4): a directory named like the tree's
 * private directory, {@code /dev/shm/mproc-<root pid>-<random>} (RAM-backed) when {@code /dev/shm}
 * is a writable directory, else {@code <java.io.tmpdir>/mproc-<root pid>-<random>.shm}. Every
 * process of the tree derives the same path from the tree directory its bootstrap names, so each
 * finds the others' segments and never another tree's. It is made on first use by whichever
 * process creates a segment; the root removes it as it exits, after its children
 * ({@link ExitSequence.Step#TREE}); a root killed by SIGKILL leaves it to the next root's sweep,
 * which goes by the pid in the name, as for tree directories ({@link ProcessTree#sweepStaleTrees()}).
 */
public final class SegmentDirectory {
    static final Path DEV_SHM = Paths.get("/dev/shm");
    /** Hidden files are segments being made; they are not segments, and the name rules forbid a leading dot. */
    private static final String IN_PROGRESS = ".";

    private SegmentDirectory() {}

    /** The segment directory of the tree whose private directory is {@code treeDirectory}; it may not exist yet. */
    static Path forTree(Path treeDirectory) {
        String name = treeDirectory.getFileName().toString();
        return ramBacked() ? DEV_SHM.resolve(name) : treeDirectory.resolveSibling(name + ".shm");
    }

    /** Whether segments live in RAM-backed {@code /dev/shm}; else they are files under {@code java.io.tmpdir}. */
    static boolean ramBacked() {
        return Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM);
    }

    /** The names of the segments in {@code directory} now (not those being made), sorted; none if it does not exist. */
    public static String[] segmentNames(Path directory) {
        String[] names = directory.toFile().list();
        if (names == null) {
            return new String[0];
        }
        int kept = 0;
        for (String name : names) {
            if (!name.startsWith(IN_PROGRESS)) {
                names[kept++] = name;
            }
        }
        String[] segments = Arrays.copyOf(names, kept);
        Arrays.sort(segments);
        return segments;
    }

    /**
     * Run by the root as it exits: names on stderr the segments never unlinked, as CPython's
     * resource tracker warns of leaked {@code shared_memory} objects, and removes the directory.
     * Only classes loaded before the hook runs (this one, the JDK's): a launcher may have closed
     * the application's class loader by then (G-PROC-11).
     */
    static void removeAtExit(Path directory) {
        String[] leaked = segmentNames(directory);
        if (leaked.length > 0) {
            StringBuilder warning = new StringBuilder("mproc: ").append(leaked.length)
                    .append(" shared memory segment(s) of this process tree were never unlinked; removed at exit: ");
            for (int i = 0; i < leaked.length; i++) {
                warning.append(i == 0 ? "" : ", ").append(leaked[i]);
            }
            System.err.println(warning);
        }
        deleteQuietly(directory.toFile());
    }

    private static void deleteQuietly(File directory) {
        File[] files = directory.listFiles();
        if (files != null) {
            for (File file : files) {
                file.delete(); // a segment's mapping outlives its file: deleting never disturbs a live view
            }
        }
        directory.delete();
    }
}
