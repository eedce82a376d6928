package org.mproc.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.SharedMemory;
import org.mproc.internal.spawn.ProcessTree;

/**
 * G-SHM-5: bad input fails at once with an exception that names the problem, and changes
 * nothing: no segment is made, none is removed, a handle stays as it was.
 */
@Tag("G-SHM-5")
class SharedMemoryBadInputTest {

    private static <T extends Throwable> T fails(Class<T> type, Executable call, String... words) {
        T e = assertThrows(type, call);
        for (String word : words) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(word), "'" + word + "' not in: " + e.getMessage());
        }
        return e;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE})
    void aSizeOutOfRangeIsRefused(long size) {
        fails(IllegalArgumentException.class, () -> SharedMemory.create(size), "size", Long.toString(size));
        fails(IllegalArgumentException.class, () -> SharedMemory.create("sized", size), "size", Long.toString(size));
        assertFalse(Files.exists(ProcessTree.current().segmentDirectory().resolve("sized")));
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("/psm_1234", "path separator"),
                Arguments.of("a/b", "path separator"),
                Arguments.of("..", "'.' first"),
                Arguments.of(".hidden", "'.' first"),
                Arguments.of("a\\b", "path separator"),
                Arguments.of("with space", "only letters"),
                Arguments.of("naïve", "only letters"),
                Arguments.of("x".repeat(201), "at most 200"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void anInvalidNameIsRefusedSayingWhy(String name, String why) {
        fails(IllegalArgumentException.class, () -> SharedMemory.create(name, 8), why);
        fails(IllegalArgumentException.class, () -> SharedMemory.attach(name), why);
    }

    @Test
    void aNullNameIsRefused() {
        fails(NullPointerException.class, () -> SharedMemory.create(null, 8), "name");
        fails(NullPointerException.class, () -> SharedMemory.attach(null), "name");
    }

    @Test
    void aNameOfTwoHundredCharactersIsFine() {
        try (SharedMemory shm = SharedMemory.create("y".repeat(200), 1)) {
            shm.unlink();
        }
    }

    @Test
    void creatingANameThatExistsFailsAndLeavesTheSegmentAlone() {
        String name = "taken-" + ProcessHandle.current().pid();
        try (SharedMemory shm = SharedMemory.create(name, 8)) {
            shm.setLongVolatile(0, 5);
            fails(IllegalStateException.class, () -> SharedMemory.create(name, 16), "'" + name + "'", "exists already");
            try (SharedMemory attached = SharedMemory.attach(name)) {
                assertEquals(8, attached.size());
                assertEquals(5, attached.getLongVolatile(0));
            }
            shm.unlink();
        }
    }

    @Test
    void attachingToANameNeverCreatedFails() {
        fails(NoSuchElementException.class, () -> SharedMemory.attach("never-made"), "'never-made'", "never created");
    }

    @Test
    void unlinkingTwiceFails() {
        try (SharedMemory shm = SharedMemory.create(8); SharedMemory other = SharedMemory.attach(shm.name())) {
            shm.unlink();
            fails(IllegalStateException.class, shm::unlink, "'" + shm.name() + "'", "already unlinked");
            fails(NoSuchElementException.class, other::unlink, "'" + shm.name() + "'", "unlinked");
        }
    }

    static Stream<Arguments> usesOfAHandle() {
        return Stream.<Consumer<SharedMemory>>of(
                SharedMemory::asByteBuffer, SharedMemory::asIntBuffer, SharedMemory::asLongBuffer,
                SharedMemory::asDoubleBuffer, s -> s.getAndAddLong(0, 1), s -> s.compareAndSetLong(0, 0, 1),
                s -> s.getLongVolatile(0), s -> s.setLongVolatile(0, 1), s -> s.getAndAddInt(0, 1),
                s -> s.compareAndSetInt(0, 0, 1), s -> s.getIntVolatile(0), s -> s.setIntVolatile(0, 1))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("usesOfAHandle")
    void everyUseAfterCloseFails(Consumer<SharedMemory> use) {
        SharedMemory shm = SharedMemory.create(8);
        shm.close();
        fails(IllegalStateException.class, () -> use.accept(shm), "'" + shm.name() + "'", "closed");
        shm.unlink();
    }

    @Test
    void anAtomicOffsetOutsideTheSegmentFailsNamingIt() {
        try (SharedMemory shm = SharedMemory.create(16)) {
            for (int offset : List.of(-8, 16, 9, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
                fails(IndexOutOfBoundsException.class, () -> shm.getAndAddLong(offset, 1), "offset " + offset, "16 bytes");
            }
            fails(IndexOutOfBoundsException.class, () -> shm.setIntVolatile(16, 1), "offset 16", "[0, 12]");
            shm.unlink();
        }
        try (SharedMemory small = SharedMemory.create(4)) {
            fails(IndexOutOfBoundsException.class, () -> small.getLongVolatile(0), "too few");
            small.unlink();
        }
    }

    @Test
    void aMisalignedAtomicOffsetFailsNamingIt() {
        try (SharedMemory shm = SharedMemory.create(32)) {
            fails(IllegalArgumentException.class, () -> shm.getAndAddLong(4, 1), "offset 4", "multiple of 8");
            fails(IllegalArgumentException.class, () -> shm.compareAndSetInt(2, 0, 1), "offset 2", "multiple of 4");
            assertEquals(0, shm.getLongVolatile(0), "nothing was written");
            shm.unlink();
        }
    }

    @Test
    void aViewIndexOutOfRangeFailsAsTheBufferSays() {
        try (SharedMemory shm = SharedMemory.create(16)) {
            assertThrows(IndexOutOfBoundsException.class, () -> shm.asLongBuffer().get(2));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.asByteBuffer().put(16, (byte) 1));
            shm.unlink();
        }
    }
}
