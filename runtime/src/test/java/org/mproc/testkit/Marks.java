package org.mproc.testkit;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Marks that tasks running in worker JVMs leave for the test, and gates they wait on, as files in a
 * directory under {@code target/}: the only channel between a test and a task that needs no part
 * of the runtime under test. A task gets the directory as a {@code String} (serializable, and it
 * keeps lambdas from capturing the test instance).
 *
 * <pre>{@code
 * try (Marks marks = Marks.create()) {
 *     String dir = marks.dir();
 *     var f = pool.applyAsync(x -> { Marks.put(dir, "started", Marks.pid()); Marks.awaitGate(dir, "go", Duration.ofSeconds(30)); return x; }, 1);
 *     marks.awaitMark("started", Delays.SHORT);
 *     marks.open("go");
 * }
 * }</pre>
 */
public final class Marks implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(5);
    private final Path dir;

    private Marks(Path dir) {
        this.dir = dir;
    }

    /** A fresh, empty directory under {@code target/marks}. */
    public static Marks create() {
        Path dir = Paths.get("target", "marks", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Marks(dir);
    }

    /** The directory, to hand to tasks. */
    public String dir() {
        return dir.toString();
    }

    /** This process's pid, as text (for marks). */
    public static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    /** Writes the mark {@code name} with {@code content}, atomically: a reader sees all of it or nothing. */
    public static void put(String dir, String name, String content) {
        Path target = Paths.get(dir, name);
        Path temp = Paths.get(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits, inside a task, until the test opens the gate {@code name}; throws after {@code bound}
     * so that a broken test never leaves a task waiting for ever.
     */
    public static void awaitGate(String dir, String name, Duration bound) throws InterruptedException {
        Path gate = Paths.get(dir, name);
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Files.exists(gate)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gate " + name + " was not opened within " + bound);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Whether the mark {@code name} exists in {@code dir}: for tasks. */
    public static boolean exists(String dir, String name) {
        return Files.exists(Paths.get(dir, name));
    }

    /** How many marks in {@code dir} start with {@code prefix}: for tasks. */
    public static int count(String dir, String prefix) {
        String[] names = Paths.get(dir).toFile().list((d, n) -> n.startsWith(prefix));
        return names == null ? 0 : names.length;
    }

    /** Opens the gate {@code name}. */
    public void open(String name) {
        put(dir(), name, "");
    }

    /** Whether the mark {@code name} exists. */
    public boolean has(String name) {
        return Files.exists(dir.resolve(name));
    }

    /** The content of the mark {@code name}, waiting for it up to {@code bound}. */
    public String awaitMark(String name, Duration bound) {
        Awaitility.await().atMost(bound).pollInterval(POLL).until(() -> has(name));
        return read(name);
    }

    public String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the marks written so far, sorted. */
    public List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the marks that start with {@code prefix}, sorted. */
    public List<String> names(String prefix) {
        return names().stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
