package org.mproc.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (auto-detected): after a class ends, no process it started may
 * still be alive, and no JVM it started may have left its attach file behind. Leftovers are ended by pid — only descendants of this test JVM, never by name —
 * and fail the class, so a leak is a red build, not a slow machine.
 */
public final class NoLeakedProcesses implements BeforeAllCallback, AfterAllCallback {
    private static final Duration GRACE = Delays.scaled(Duration.ofSeconds(10));

    private static final Path ATTACH_DIR = Paths.get("/tmp");
    private Set<Path> attachFilesBefore = Set.of();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        attachFilesBefore = attachFiles();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertNoneLeft(context.getDisplayName(), GRACE);
        assertNoAttachFileLeft(context.getDisplayName());
    }

    /**
     * A JVM child killed by a signal leaves HotSpot's {@code /tmp/.java_pid<pid>}; its parent must
     * remove it. A new such file whose process is gone is a leak (removed here, and reported).
     */
    private void assertNoAttachFileLeft(String what) throws IOException {
        Set<Path> leaked = new TreeSet<>();
        for (Path file : attachFiles()) {
            if (!attachFilesBefore.contains(file) && !ownerAlive(file)) {
                leaked.add(file);
            }
        }
        for (Path file : leaked) {
            Files.deleteIfExists(file);
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError(what + " left HotSpot attach files of dead processes behind: " + leaked);
        }
    }

    private static Set<Path> attachFiles() throws IOException {
        try (Stream<Path> files = Files.list(ATTACH_DIR)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".java_pid"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean ownerAlive(Path file) {
        String digits = file.getFileName().toString().substring(".java_pid".length()).replace(".tmp", "");
        try {
            return ProcessHandle.of(Long.parseLong(digits)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException notOurs) {
            return true;
        }
    }

    /**
     * Waits up to {@code grace} for this JVM's descendants to exit; ends those left (by pid) and
     * throws an {@link AssertionError} naming them.
     */
    static void assertNoneLeft(String what, Duration grace) throws Exception {
        Instant deadline = Instant.now().plus(grace);
        List<ProcessHandle> alive = descendants();
        while (!alive.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                // Children being reaped right now get the bound to finish.
                alive.get(0).onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillAlive) {
                break;
            }
            alive = descendants();
        }
        if (!alive.isEmpty()) {
            String described = alive.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                    .collect(Collectors.joining("\n  "));
            alive.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : alive) {
                p.onExit().get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
            throw new AssertionError(what + " left processes behind:\n  " + described);
        }
    }

    static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }
}
