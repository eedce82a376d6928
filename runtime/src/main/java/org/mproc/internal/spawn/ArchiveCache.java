package org.mproc.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The directory that holds this user's child class-data archives (G-PROC-13): {@code
 * -Dmproc.childArchiveDir}, else {@code $XDG_CACHE_HOME/mproc}, else {@code ~/.cache/mproc}. It is
 * used only when it is a directory of this user's with mode 0700 (made so when this user creates
 * it): an archive is mapped into every child's memory, so nobody else may write one.
 *
 * <pre>
 *   &lt;key&gt;-&lt;size&gt;.jsa              an archive, renamed into place whole; size = its length in bytes
 *   &lt;key&gt;.&lt;pid&gt;-&lt;random&gt;.tmp     what a training child writes at its exit; renamed or deleted after
 * </pre>
 *
 * The size in the name is checked before every use: JDK 17 maps an archive without checking its
 * length, and dies of SIGBUS on a truncated one. Two parents that train the same key each write
 * their own temporary file and rename it: a rename replaces a file whole (a child that mapped the
 * one replaced keeps its own copy), two archives of one key are both whole and either is used,
 * and a store deletes the key's archives older than its own. Archives unused for {@value #STALE_DAYS} days and
 * temporary files left by a killed trainer are deleted when a new archive is stored.
 */
final class ArchiveCache {
    static final String DIR_PROPERTY = "mproc.childArchiveDir";
    static final int STALE_DAYS = 30;
    /**
     * Archives kept at most, the most recently used: every rebuilt jar is a new key, so a
     * developer's cache would otherwise grow by a few MB per build for a month.
     */
    static final int KEEP = 32;
    private static final long DAY_MS = 24L * 3600 * 1000;
    private static final long TMP_STALE_MS = 3600 * 1000;
    private static final String SUFFIX = ".jsa";
    private static final long MIN_FREE_BYTES = 1L << 30;

    private final Path directory;

    private ArchiveCache(Path directory) {
        this.directory = directory;
    }

    /** The cache named by the property or the environment, or null when there is none this user may use. */
    static ArchiveCache open() {
        String configured = System.getProperty(DIR_PROPERTY, "");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path dir;
        if (!configured.isEmpty()) {
            dir = Paths.get(configured);
        } else if (xdg != null && xdg.startsWith("/")) {
            dir = Paths.get(xdg, "mproc");
        } else {
            dir = Paths.get(System.getProperty("user.home"), ".cache", "mproc");
        }
        return open(dir.toAbsolutePath());
    }

    static ArchiveCache open(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ownerOnly()));
                } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
                    // Another process made it since we looked (two parents starting at once): the
                    // checks below apply to it as to any directory found.
                }
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || !attributes.owner().getName().equals(System.getProperty("user.name"))) {
                return null;
            }
            if (!attributes.permissions().equals(ownerOnly())) {
                Files.setPosixFilePermissions(dir, ownerOnly()); // a umask or an older tool made it wider
            }
            return Files.isWritable(dir) ? new ArchiveCache(dir) : null;
        } catch (IOException | RuntimeException e) {
            return null; // no cache (not POSIX, unwritable, a file in the way): children start without one
        }
    }

    Path directory() {
        return directory;
    }

    /** The whole archive stored for {@code key}, or null; one whose length differs from its name's is deleted. */
    Path find(String key) {
        String[] names = directory.toFile().list();
        if (names == null) {
            return null;
        }
        for (String name : names) {
            long size = sizeIn(name, key);
            if (size >= 0) {
                File file = directory.resolve(name).toFile();
                if (file.length() == size) {
                    return file.toPath();
                }
                file.delete(); // truncated or replaced: mapping it could crash the child
            }
        }
        return null;
    }

    /** Whether {@code archive}, found earlier, is still whole. */
    static boolean stillWhole(Path archive, String key) {
        return archive.toFile().length() == sizeIn(archive.getFileName().toString(), key);
    }

    /** Marks an archive as used, at most once a day, so that the sweep keeps it. */
    static void touch(Path archive) {
        File file = archive.toFile();
        long now = System.currentTimeMillis();
        if (now - file.lastModified() > DAY_MS) {
            file.setLastModified(now);
        }
    }

    /**
     * Whether a training child may write here: JDK 17 ends a JVM that cannot write all of its
     * archive with exit code 1 and a message on stderr, whatever its task did, so a nearly full
     * disk gets no archive instead (they are a few MB; the margin is for large applications).
     */
    boolean roomToWrite() {
        return directory.toFile().getUsableSpace() > MIN_FREE_BYTES;
    }

    /** A fresh name for a training child to write {@code key}'s archive to. */
    Path temporary(String key) {
        return directory.resolve(key + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /**
     * Renames a complete archive into place, or deletes it when it cannot be stored.
     *
     * @return the archive's place, or null
     */
    Path store(Path written, String key) {
        File file = written.toFile();
        long size = file.length();
        if (size <= 0) {
            file.delete();
            return null;
        }
        Path target = directory.resolve(key + "-" + size + SUFFIX);
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) { // AtomicMoveNotSupportedException included
            file.delete();
            return null;
        }
        sweep(key, target);
        return target;
    }

    /**
     * Deletes {@code key}'s older archives, archives unused for long, dead trainers' temporary files,
     * and all but the {@value #KEEP} most recently used archives. A child that found an archive
     * this deletes still starts: its mapping outlives the name, and a child started later without
     * the file runs without sharing ({@code -Xshare:auto}).
     */
    private void sweep(String key, Path kept) {
        File[] files = directory.toFile().listFiles();
        if (files == null) {
            return;
        }
        long now = System.currentTimeMillis();
        long keptTime = kept.toFile().lastModified();
        List<File> archives = new ArrayList<>();
        for (File f : files) {
            String name = f.getName();
            boolean old = name.endsWith(SUFFIX) && now - f.lastModified() > STALE_DAYS * DAY_MS;
            // Only older ones: a newer one was stored by another parent at the same time, whose
            // sweep deletes this one; were both to delete the other, neither would be left.
            boolean replaced = sizeIn(name, key) >= 0 && f.lastModified() < keptTime;
            boolean abandoned = name.endsWith(".tmp") && now - f.lastModified() > TMP_STALE_MS;
            if (old || replaced || abandoned) {
                f.delete();
            } else if (name.endsWith(SUFFIX)) {
                archives.add(f);
            }
        }
        if (archives.size() > KEEP) {
            archives.sort(Comparator.comparingLong(File::lastModified).reversed());
            for (File f : archives.subList(KEEP, archives.size())) {
                if (!f.toPath().equals(kept)) {
                    f.delete();
                }
            }
        }
    }

    /** The size an archive's name states when it is {@code key}'s, else −1. */
    private static long sizeIn(String name, String key) {
        if (!name.startsWith(key + "-") || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String digits = name.substring(key.length() + 1, name.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    private static Set<PosixFilePermission> ownerOnly() {
        return EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
    }
}
