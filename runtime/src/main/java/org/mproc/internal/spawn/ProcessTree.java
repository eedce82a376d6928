package org.mproc.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.mproc.ProcessException;

/**
 * What every process of one tree shares: a private directory (mode 0700) that holds the listeners'
 * sockets, a secret that every connection must prove, and the directory of its shared memory
 * segments ({@link SegmentDirectory}). The root process creates the first two on first use and
 * removes both directories when it exits; children learn them from their bootstrap.
 */
public final class ProcessTree {
    /** Unix socket paths are limited to 108 bytes; we keep a margin. */
    static final int MAX_SOCKET_PATH = 100;
    /** Tree directories are {@code mproc-<root pid>-<random>} under {@code java.io.tmpdir}. */
    static final String PREFIX = "mproc-";

    private static volatile ProcessTree current;

    private final Path directory;
    private final byte[] secret;
    private final Path segments;

    ProcessTree(Path directory, byte[] secret) {
        this.directory = directory;
        this.secret = secret.clone();
        this.segments = SegmentDirectory.forTree(directory);
    }

    /** This process's tree: inherited from the bootstrap in a child, created here in a root. */
    public static ProcessTree current() {
        ProcessTree tree = current;
        if (tree == null) {
            synchronized (ProcessTree.class) {
                tree = current;
                if (tree == null) {
                    tree = createRoot();
                    current = tree;
                }
            }
        }
        return tree;
    }

    /** Called once by {@link WorkerMain} before any user code runs. */
    static void inherit(Path directory, byte[] secret) {
        current = new ProcessTree(directory, secret);
    }

    private static ProcessTree createRoot() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path base = Paths.get(System.getProperty("java.io.tmpdir"));
        sweepStaleTrees();
        Path directory;
        try {
            directory = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new ProcessException("cannot create mproc's private directory under " + base, e);
        }
        ProcessTree tree = new ProcessTree(directory, secret);
        ExitSequence.register(ExitSequence.Step.TREE, () -> {
            SegmentDirectory.removeAtExit(tree.segments);
            deleteTree(directory);
        });
        return tree;
    }

    /**
     * Removes the directories of dead roots, as every new root does: tree directories (and segment
     * directories off {@code /dev/shm}) under {@code java.io.tmpdir}, segment directories under
     * {@code /dev/shm}.
     */
    public static void sweepStaleTrees() {
        sweepStale(Paths.get(System.getProperty("java.io.tmpdir")));
        if (SegmentDirectory.ramBacked()) {
            sweepStale(SegmentDirectory.DEV_SHM);
        }
    }

    /**
     * A root killed by SIGKILL cannot remove its directories. They are named after their root's
     * pid, so the next root removes those whose root is gone (a reused pid keeps its directory: we
     * only ever delete what is certainly stale), and only those this user may write.
     */
    private static void sweepStale(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().split("-");
                if (parts.length < 3 || !Files.isDirectory(entry) || !Files.isWritable(entry)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteTree(entry);
                    }
                } catch (NumberFormatException notOurs) {
                    // Not a directory this code created.
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // Sweeping is hygiene; a root must start even when it cannot sweep.
        }
    }

    public Path directory() {
        return directory;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** Where this tree's shared memory segments live; made by the first process that creates one. */
    public Path segmentDirectory() {
        return segments;
    }

    /** Where the listener of process {@code pid} lives; checked against the Unix socket path limit. */
    Path socketFor(long pid) {
        Path socket = directory.resolve(pid + ".sock");
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            throw new ProcessException("socket path " + socket + " is " + length + " bytes, over the "
                    + MAX_SOCKET_PATH + "-byte limit of Unix domain sockets; start the JVM with a shorter "
                    + "-Djava.io.tmpdir");
        }
        return socket;
    }

    /**
     * Removes the directory and what it holds, best effort: a child may still be removing its own
     * socket. Plain {@link File} calls and no helper class, because it runs from the shutdown hook,
     * where a class not loaded yet may no longer be loadable ({@code mvn exec:java} has closed the
     * application's class loader by then, G-PROC-11).
     */
    static void deleteTree(Path directory) {
        deleteRecursively(directory.toFile());
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete(); // false when already gone, or still in use: nothing more to do at exit
    }
}
