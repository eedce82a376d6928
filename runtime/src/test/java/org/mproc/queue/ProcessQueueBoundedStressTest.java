package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * Bounded queues under randomized load from fresh processes: producers and consumers in children
 * (cold code, JIT tiers changing under them), capacities from 1 up, bursts and pauses on both
 * sides so that the queue runs full and empty again and again, some elements over the ring's
 * large-element threshold. Every element put is taken exactly once (G-QUEUE-1), in its producer's
 * order by every consumer (G-QUEUE-2), whole, and no run stalls: a lost wake-up between a
 * producer waiting for room and a consumer waiting for elements shows up here as a report that
 * never comes. (It did not catch the release-store bug fixed in {@code QueueRing}'s tail when that
 * bug was put back, in two runs: that race needs a store and a load on two cores within
 * nanoseconds of each other, which millions of elements in the benchmarks did hit once.)
 */
@Tag("G-QUEUE-1")
@Tag("G-QUEUE-2")
class ProcessQueueBoundedStressTest {
    /** Bigger than the ring's inline limit (64 KiB): such an element goes through a file of its own. */
    static final int LARGE_BYTES = 70 * 1024;

    /** One element: who put it, its place in that producer's sequence, and a payload of some size. */
    static byte[] element(int producer, int seq, int size) {
        byte[] e = new byte[Math.max(9, size)]; // the check byte must not overlap the seq
        putInt(e, 0, producer);
        putInt(e, 4, seq);
        e[e.length - 1] = (byte) (producer * 31 + seq); // a check byte at the end: the payload arrived whole
        return e;
    }

    static int producerOf(byte[] e) {
        return getInt(e, 0);
    }

    static int seqOf(byte[] e) {
        return getInt(e, 4);
    }

    static boolean whole(byte[] e) {
        return e[e.length - 1] == (byte) (producerOf(e) * 31 + seqOf(e));
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Puts {@code n} elements in bursts, pausing now and then; one in {@code largeEvery} is large (0: none). */
    static void produce(ProcessQueue<byte[]> queue, int producer, int n, int largeEvery) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int seq = 0; seq < n; seq++) {
            boolean large = largeEvery > 0 && seq % largeEvery == largeEvery - 1;
            queue.put(element(producer, seq, large ? LARGE_BYTES : random.nextInt(9, 200)));
            if (random.nextInt(64) == 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(50, 2_000)));
            } else if (random.nextInt(4) == 0) {
                busyFor(random.nextInt(1, 30)); // the host runs out of work and looks again, again and again
            }
        }
    }

    /** Waits without sleeping: a pause short enough that the other side is still deciding whether to sleep. */
    static void busyFor(int micros) {
        long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /** Takes until the queue is closed and drained, pausing now and then, and reports what it took, in order. */
    static void consume(ProcessQueue<byte[]> queue, ProcessQueue<ArrayList<long[]>> report) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ArrayList<long[]> took = new ArrayList<>();
        try {
            while (true) {
                byte[] e = queue.take();
                took.add(new long[] {producerOf(e), seqOf(e), whole(e) ? 1 : 0});
                if (random.nextInt(64) == 0) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(50, 2_000)));
                }
            }
        } catch (IllegalStateException closedAndDrained) {
            report.put(took);
        }
    }

    @Test
    void everyElementIsTakenOnceInItsProducersOrderWhateverTheCapacityAndPace() {
        qt().withExamples(10).withShrinkCycles(0)
                .forAll(integers().between(1, 64), integers().between(1, 2), integers().between(1, 2),
                        integers().between(500, 20_000))
                .checkAssert((capacity, producers, consumers, perProducer) -> {
                    try {
                        runOnce(capacity, producers, consumers, perProducer);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                });
    }

    private static void runOnce(int capacity, int producers, int consumers, int perProducer) throws InterruptedException {
        String shape = "capacity " + capacity + ", " + producers + " producers × " + perProducer + ", " + consumers
                + " consumers";
        ProcessQueue<byte[]> queue = ProcessQueue.create(capacity);
        ProcessQueue<ArrayList<long[]>> report = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            for (int c = 0; c < consumers; c++) {
                reaper.start(ChildProcess.builder().name("stress-consumer-" + c)
                        .target(() -> consume(queue, report)).build());
            }
            List<ChildProcess> producing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                int largeEvery = p == 0 ? 0 : 500; // the second producer sends a large element now and then
                producing.add(reaper.start(ChildProcess.builder().name("stress-producer-" + p)
                        .target(() -> produce(queue, id, perProducer, largeEvery)).build()));
            }
            for (ChildProcess p : producing) {
                assertTrue(p.join(Delays.LONG), "a producer did not finish (" + shape + "): a stall");
                assertEquals(0, p.exitCode().orElse(-1), "a producer failed (" + shape + "): " + p.failure());
            }
            queue.close();
            Map<Integer, boolean[]> seen = new HashMap<>();
            for (int p = 0; p < producers; p++) {
                seen.put(p, new boolean[perProducer]);
            }
            for (int c = 0; c < consumers; c++) {
                ArrayList<long[]> took = report.poll(Delays.LONG);
                assertNotNull(took, "only " + c + " of " + consumers + " consumers reported (" + shape + "): a stall");
                int[] last = new int[producers];
                Arrays.fill(last, -1);
                for (long[] t : took) {
                    int producer = (int) t[0];
                    int seq = (int) t[1];
                    assertTrue(t[2] == 1, "element " + producer + "/" + seq + " arrived damaged (" + shape + ")");
                    assertTrue(seq > last[producer], "a consumer took " + producer + "/" + seq + " after " + producer
                            + "/" + last[producer] + " (" + shape + ")");
                    assertTrue(!seen.get(producer)[seq], producer + "/" + seq + " was taken twice (" + shape + ")");
                    seen.get(producer)[seq] = true;
                    last[producer] = seq;
                }
            }
            for (Map.Entry<Integer, boolean[]> s : seen.entrySet()) {
                for (int seq = 0; seq < perProducer; seq++) {
                    assertTrue(s.getValue()[seq], s.getKey() + "/" + seq + " was never taken (" + shape + ")");
                }
            }
        } finally {
            queue.close(); // idempotent; here too when the run failed before its own close
            report.close();
        }
    }
}
