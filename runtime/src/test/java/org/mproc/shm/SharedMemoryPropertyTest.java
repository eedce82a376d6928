package org.mproc.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import java.io.Serializable;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.SharedMemory;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pools;

/**
 * G-SHM-1 over generated data: for any array of longs (any values, 1 to 2,000 of them) that the
 * parent writes into a fresh segment, a worker process reads back exactly that array and writes it
 * reversed into the segment's second half, which the parent then reads exactly. The handle travels
 * in the task's argument; the worker attaches on first use. One long-lived worker serves every
 * example.
 */
@Tag("G-SHM-1")
class SharedMemoryPropertyTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(2));
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(1);
    }

    @AfterAll
    static void stopPool() {
        Pools.closeWithin(pool, Delays.CHILD);
    }

    /** A segment of 2n longs whose first n the parent wrote. */
    record Job(SharedMemory shm, int n) implements Serializable {}

    /** In the worker: the first half as read, and written reversed into the second half. */
    static long[] readAndMirror(Job job) {
        try (SharedMemory shm = job.shm()) {
            LongBuffer longs = shm.asLongBuffer();
            long[] read = new long[job.n()];
            longs.get(0, read);
            for (int i = 0; i < read.length; i++) {
                longs.put(2 * job.n() - 1 - i, read[i]);
            }
            return read;
        }
    }

    @Test
    void longArraysCrossProcessesExactlyBothWays() {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(lists().of(longs().all()).ofSizeBetween(1, 2_000))
                .checkAssert(values -> {
                    long[] written = values.stream().mapToLong(Long::longValue).toArray();
                    int n = written.length;
                    SharedMemory shm = SharedMemory.create(16L * n);
                    try {
                        shm.asLongBuffer().put(written);
                        assertArrayEquals(written, pool.apply(SharedMemoryPropertyTest::readAndMirror, new Job(shm, n)),
                                "what the worker read");
                        long[] mirrored = new long[n];
                        shm.asLongBuffer().get(n, mirrored);
                        assertArrayEquals(reversed(written), mirrored, "what the worker wrote");
                    } finally {
                        shm.close();
                        shm.unlink();
                    }
                });
    }

    private static long[] reversed(long[] xs) {
        long[] r = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            r[xs.length - 1 - i] = xs[i];
        }
        return r;
    }
}
