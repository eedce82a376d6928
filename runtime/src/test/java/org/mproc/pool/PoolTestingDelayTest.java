package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.internal.spawn.JvmCommand;

/**
 * The test-only task delay that {@code scripts/gate} uses to show it flags a known slowdown: every
 * task waits at least the delay before it runs, in the worker, and a parent with the setting
 * passes it on to the children it starts.
 */
class PoolTestingDelayTest {
    private static final long DELAY_MICROS = 20_000;

    @Test
    void everyTaskWaitsTheDelayBeforeItRuns() {
        try (Pool pool = Pool.builder().processes(1)
                .jvmOptions(List.of("-Xmx64m", "-D" + JvmCommand.TASK_DELAY_PROPERTY + "=" + DELAY_MICROS)).build()) {
            List<Long> starts = pool.map(i -> System.nanoTime(), List.of(1, 2, 3, 4, 5), 5);
            for (int i = 1; i < starts.size(); i++) {
                long gap = starts.get(i) - starts.get(i - 1);
                assertTrue(gap >= DELAY_MICROS * 1_000, "task " + i + " began " + gap + " ns after the one before");
            }
        }
    }

    @Test
    void aParentWithTheDelayPassesItToItsChildren() {
        String key = JvmCommand.TASK_DELAY_PROPERTY;
        String before = System.getProperty(key);
        System.setProperty(key, "0"); // 0: no effect on any child another test starts meanwhile
        try {
            List<String> command = JvmCommand.build("cp", List.of(), PoolTestingDelayTest.class);
            assertEquals(1, command.stream().filter(("-D" + key + "=0")::equals).count(), command.toString());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
