package org.mproc.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (auto-detected): after a class ends, no process it started may
 * still be alive. Leftovers are ended by pid — only descendants of this test JVM, never by name —
 * and fail the class, so a leak is a red build, not a slow machine.
 */
public final class NoLeakedProcesses implements AfterAllCallback {
    private static final Duration GRACE = Delays.scaled(Duration.ofSeconds(10));

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertNoneLeft(context.getDisplayName(), GRACE);
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
