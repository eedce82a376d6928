package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.testkit.Delays;

/**
 * G-PROC-13: the archive cache is this user's alone (mode 0700), hands out only whole archives,
 * survives two creators at once, and is no cache at all (never an error) when it cannot be made.
 */
@Tag("G-PROC-13")
class ArchiveCacheTest {
    private static final String KEY = "0123456789abcdef";

    @TempDir
    Path dir;

    private static Path written(ArchiveCache cache, byte[] bytes) throws IOException {
        return written(cache, bytes, KEY);
    }

    private static Path written(ArchiveCache cache, byte[] bytes, String key) throws IOException {
        return Files.write(cache.temporary(key), bytes);
    }

    @Test
    void theDirectoryIsMadeOwnerOnly() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir.resolve("cache/mproc"));
        assertNotNull(cache);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.directory())));
    }

    @Test
    void aWiderDirectoryOfOursIsNarrowedToOwnerOnly() throws IOException {
        Path wide = Files.createDirectory(dir.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNotNull(ArchiveCache.open(wide));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wide)));
    }

    @Test
    void aPlaceThatCannotBeADirectoryIsNoCache() throws IOException {
        Path file = Files.write(dir.resolve("file"), new byte[] {1});
        assertNull(ArchiveCache.open(file), "a file in the way");
        assertNull(ArchiveCache.open(file.resolve("mproc")), "under a file");
    }

    @Test
    void aStoredArchiveIsFoundWhole() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir);
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) 7);
        Path stored = cache.store(written(cache, bytes), KEY);
        assertEquals(dir.resolve(KEY + "-4096.jsa"), stored);
        assertEquals(stored, cache.find(KEY));
        assertTrue(ArchiveCache.stillWhole(stored, KEY));
        assertNull(cache.find("fedcba9876543210"), "another key");
        assertEquals(List.of(KEY + "-4096.jsa"), names(), "no temporary file is left");
    }

    @Test
    void aTruncatedArchiveIsDeletedNotHandedOut() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir);
        Path stored = cache.store(written(cache, new byte[4096]), KEY);
        Files.write(stored, new byte[100]); // JDK 17 would die of SIGBUS mapping it
        assertFalse(ArchiveCache.stillWhole(stored, KEY));
        assertNull(cache.find(KEY));
        assertFalse(Files.exists(stored));
    }

    @Test
    void anEmptyFileIsNotStored() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir);
        assertNull(cache.store(written(cache, new byte[0]), KEY));
        assertEquals(List.of(), names());
    }

    @Test
    void aNewArchiveReplacesTheKeysOlderOneAndAbandonedTemporaryFiles() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir);
        Path older = cache.store(written(cache, new byte[10]), KEY);
        assertTrue(older.toFile().setLastModified(System.currentTimeMillis() - 60_000));
        Path abandoned = written(cache, new byte[5]);
        assertTrue(abandoned.toFile().setLastModified(System.currentTimeMillis() - 2 * 3600_000));
        Path fresh = written(cache, new byte[5]); // another trainer, still writing
        Path newer = cache.store(written(cache, new byte[20]), KEY);
        assertFalse(Files.exists(older));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(fresh));
        assertEquals(newer, cache.find(KEY));
    }

    @Test
    void onlyTheMostRecentlyUsedArchivesAreKept() throws IOException {
        ArchiveCache cache = ArchiveCache.open(dir);
        long now = System.currentTimeMillis();
        List<Path> stored = new ArrayList<>();
        for (int i = 0; i < ArchiveCache.KEEP + 5; i++) {
            String key = String.format("%016x", i);
            Path archive = cache.store(written(cache, new byte[10], key), key);
            assertTrue(archive.toFile().setLastModified(now - (ArchiveCache.KEEP + 5 - i) * 60_000L)); // older first
            stored.add(archive);
        }
        String last = String.format("%016x", 999);
        Path newest = cache.store(written(cache, new byte[10], last), last);
        assertTrue(Files.exists(newest));
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(i >= 6, Files.exists(stored.get(i)), "archive " + i + " of " + stored.size()
                    + ": the " + ArchiveCache.KEEP + " most recently used stay, the newest included");
        }
    }

    @Test
    void twoCreatorsAtOnceLeaveOneWholeArchive() throws Exception {
        ArchiveCache one = ArchiveCache.open(dir);
        ArchiveCache two = ArchiveCache.open(dir);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                String key = String.format("%016x", round);
                byte[] a = new byte[8192 + round];
                byte[] b = new byte[8192 + round + 1];
                Arrays.fill(a, (byte) 1);
                Arrays.fill(b, (byte) 2);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Path>> stored = new ArrayList<>();
                stored.add(threads.submit(() -> store(one, a, key, start)));
                stored.add(threads.submit(() -> store(two, b, key, start)));
                for (Future<Path> f : stored) {
                    f.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
                }
                Path found = one.find(key);
                assertNotNull(found, "round " + round);
                byte[] content = Files.readAllBytes(found);
                assertTrue(Arrays.equals(content, a) || Arrays.equals(content, b), "round " + round + ": a mix");
                assertArrayEquals(content, Files.readAllBytes(two.find(key)));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Path store(ArchiveCache cache, byte[] bytes, String key, CyclicBarrier start) throws Exception {
        Path file = written(cache, bytes, key);
        start.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        return cache.store(file, key);
    }

    private List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }
}
