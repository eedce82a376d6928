package org.mproc.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.mproc.ProcessException;
import org.mproc.internal.spawn.ProcessTree;

/**
 * One segment file of this tree's {@link org.mproc.internal.spawn.SegmentDirectory}, mapped
 * READ_WRITE into this process. The file's name is the segment's name, its length the segment's
 * size; its identity (device and inode) tells a segment from a later one of the same name.
 *
 * <pre>
 *   &lt;segment directory&gt;/&lt;name&gt;                    a segment: size bytes, zero-filled at creation
 *   &lt;segment directory&gt;/.&lt;name&gt;.&lt;random&gt;.new     a segment being made (never a name: names
 *                                                  cannot start with a dot)
 * </pre>
 *
 * A segment is made whole under a hidden name and then hard-linked to its name ({@code link(2)}
 * fails if the name exists), so an attacher never sees a segment of the wrong size, and two
 * creators of one name cannot both succeed. The mapping is never unmapped explicitly: JDK 17 has
 * no safe unmap, and an unmapped buffer still held by user code would crash the JVM on access.
 * It goes when the garbage collector has collected this object's buffer and every view of it.
 */
public final class SegmentFile {
    /** The largest segment: one {@link MappedByteBuffer} maps at most {@code Integer.MAX_VALUE} bytes. */
    public static final long MAX_SIZE = Integer.MAX_VALUE;
    /** The longest name: a file name with the room a segment being made needs. */
    public static final int MAX_NAME = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final FileAttribute<?> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final String name;
    private final MappedByteBuffer map;
    private final String identity;

    private SegmentFile(String name, MappedByteBuffer map, String identity) {
        this.name = name;
        this.map = map;
        this.identity = identity;
    }

    /**
     * Checks a segment name: 1 to {@value #MAX_NAME} characters among letters, digits, {@code _},
     * {@code .} and {@code -}, not starting with a dot.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "the name of a shared memory segment must not be null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the name of a shared memory segment must not be empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("invalid shared memory segment name '" + name
                    + "': it holds a path separator; a name is one word of letters, digits, '_', '.' and '-'");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("invalid shared memory segment name of " + name.length()
                    + " characters: at most " + MAX_NAME);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid shared memory segment name '" + name
                    + "': only letters, digits, '_', '.' and '-', and not a '.' first");
        }
        return name;
    }

    /** @throws IllegalArgumentException when {@code size} is not in [1, {@link #MAX_SIZE}] */
    public static void checkSize(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("the size of a shared memory segment must be positive, not " + size);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("the size of a shared memory segment is at most " + MAX_SIZE
                    + " bytes (one mapping), not " + size);
        }
    }

    /** A fresh name, {@code psm_} and 16 hex digits as CPython's are {@code psm_} and 8. */
    public static String randomName() {
        return String.format("psm_%016x", ThreadLocalRandom.current().nextLong());
    }

    /**
     * Makes segment {@code name} of {@code size} zero bytes and maps it.
     *
     * @throws IllegalStateException if this tree has a segment of that name
     * @throws IllegalArgumentException if the segment directory's file system has less than {@code size} bytes free
     */
    public static SegmentFile create(String name, long size) {
        Path directory = directory();
        Path file = directory.resolve(name);
        Path making = directory.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".new");
        try {
            Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
            long free = Files.getFileStore(directory).getUsableSpace();
            if (size > free) {
                throw new IllegalArgumentException("cannot create shared memory segment '" + name + "' of " + size
                        + " bytes: only " + free + " bytes are free in " + directory.getParent());
            }
            MappedByteBuffer map;
            try (FileChannel ch = FileChannel.open(making, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), OWNER_ONLY_FILE)) {
                map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            String identity = identityOf(making);
            try {
                Files.createLink(file, making);
            } catch (FileAlreadyExistsException taken) {
                throw new IllegalStateException("a shared memory segment named '" + name
                        + "' exists already in this process tree; attach to it, or choose another name");
            }
            return new SegmentFile(name, map, identity);
        } catch (IOException e) {
            throw new ProcessException("cannot create shared memory segment '" + name + "' in " + directory + ": " + e, e);
        } finally {
            deleteQuietly(making);
        }
    }

    /**
     * Maps segment {@code name}; with an {@code identity}, only the segment that had it.
     *
     * @throws NoSuchElementException if there is no such segment (never made, or unlinked)
     */
    public static SegmentFile attach(String name, String identity) {
        Path file = directory().resolve(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            String found = identityOf(file);
            if (identity != null && !identity.equals(found)) {
                throw unlinked(name, " (the name now belongs to a newer segment)");
            }
            long size = ch.size();
            if (size <= 0 || size > MAX_SIZE) {
                throw new ProcessException("shared memory segment '" + name + "' has a size of " + size
                        + " bytes, which no segment has: " + file + " is not a segment");
            }
            return new SegmentFile(name, ch.map(FileChannel.MapMode.READ_WRITE, 0, size), found);
        } catch (NoSuchFileException e) {
            throw unlinked(name, "");
        } catch (IOException e) {
            throw new ProcessException("cannot attach to shared memory segment '" + name + "' (" + file + "): " + e, e);
        }
    }

    /**
     * Removes name {@code name}; with an {@code identity}, only if it still names that segment.
     *
     * @throws NoSuchElementException if the name is gone or names another segment
     */
    public static void unlink(String name, String identity) {
        Path file = directory().resolve(name);
        try {
            if (identity != null && !identity.equals(identityOf(file))) {
                throw unlinked(name, " (the name now belongs to a newer segment)");
            }
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw unlinked(name, "");
        } catch (IOException e) {
            throw new ProcessException("cannot unlink shared memory segment '" + name + "' (" + file + "): " + e, e);
        }
    }

    private static NoSuchElementException unlinked(String name, String detail) {
        return new NoSuchElementException("no shared memory segment named '" + name + "' in this process tree"
                + detail + ": it was unlinked, or never created");
    }

    private static Path directory() {
        return ProcessTree.current().segmentDirectory();
    }

    /** The file's device and inode where the file system has them, else its creation time. */
    private static String identityOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return key != null ? key.toString() : attributes.creationTime().toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file left being made is removed with the directory when the tree ends.
        }
    }

    public String name() {
        return name;
    }

    public long size() {
        return map.capacity();
    }

    /** Tells this segment from any later one of the same name. */
    public String identity() {
        return identity;
    }

    /** A new buffer over the whole segment, in native byte order, position 0. */
    public ByteBuffer view() {
        return map.duplicate().order(ByteOrder.nativeOrder());
    }

    /** The mapping itself, for the atomic accessors (never handed to user code: its position is shared). */
    public ByteBuffer mapping() {
        return map;
    }
}
