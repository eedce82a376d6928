package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * Consumers in several processes claim from the queue's ring (see {@code QueueRing}): what one
 * does not take reaches the others, in order, whether it exits, is killed, or just stops taking;
 * several take at once, each in the order put; and {@code size()} counts every element not taken
 * (G-QUEUE-1).
 */
@Tag("G-QUEUE-1")
class ProcessQueueConsumersTest {

    static void takeOneAndExit(ProcessQueue<Integer> queue) throws InterruptedException {
        System.out.println("took " + queue.take());
    }

    static void takeOneAndBlock(ProcessQueue<Integer> queue) throws InterruptedException {
        System.out.println("took " + queue.take());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void takeAllSlowly(ProcessQueue<Integer> queue) throws InterruptedException {
        while (true) {
            System.out.println("took " + queue.take());
            System.out.flush();
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private static List<Integer> takeAll(ProcessQueue<Integer> queue, int n) throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer e = queue.poll(Delays.CHILD);
            if (e == null) {
                throw new AssertionError("only " + got.size() + " of " + n + " elements arrived: " + got);
            }
            got.add(e);
        }
        return got;
    }

    /** Output lines of a child collected for the test, with a latch for the first one. */
    private static final class Lines {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        void accept(String line) {
            lines.add(line);
            first.countDown();
        }

        void awaitFirst() throws InterruptedException {
            assertTrue(first.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS), "the child said nothing");
        }
    }

    @Test
    void whatAConsumerThatExitedDidNotTakeComesBackInOrder() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        queue.putAll(range(100));
        try (Reaper reaper = new Reaper()) {
            Lines out = new Lines();
            ChildProcess consumer = reaper.start(ChildProcess.builder().name("consumer")
                    .target(() -> takeOneAndExit(queue)).output(out::accept).build());
            Reaper.joinWithin(consumer, Delays.CHILD);
            assertEquals(List.of("took 0"), out.lines);
        }
        assertEquals(range(100).subList(1, 100), takeAll(queue, 99));
    }

    @Test
    void aConsumerThatStoppedTakingHoldsNothingBackFromAnother() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        queue.putAll(range(50));
        try (Reaper reaper = new Reaper()) {
            Lines out = new Lines();
            reaper.start(ChildProcess.builder().name("idle-consumer")
                    .target(() -> takeOneAndBlock(queue)).output(out::accept).build());
            out.awaitFirst();
            assertEquals(List.of("took 0"), out.lines);
            assertEquals(range(50).subList(1, 50), takeAll(queue, 49));
        }
    }

    @Test
    void aConsumerKilledMidBatchNeitherLosesNorDuplicatesBeyondTheElementInItsHands() throws Exception {
        int n = 2000;
        ProcessQueue<Integer> queue = ProcessQueue.create();
        queue.putAll(range(n));
        List<Integer> theirs = new ArrayList<>();
        try (Reaper reaper = new Reaper()) {
            Lines out = new Lines();
            ChildProcess consumer = reaper.start(ChildProcess.builder().name("killed-consumer")
                    .target(() -> takeAllSlowly(queue)).output(out::accept).build());
            out.awaitFirst();
            consumer.kill();
            Reaper.joinWithin(consumer, Delays.CHILD);
            for (String line : out.lines) {
                theirs.add(Integer.parseInt(line.substring("took ".length())));
            }
        }
        List<Integer> ours = new ArrayList<>();
        for (Integer e = queue.poll(Delays.SHORT); e != null; e = queue.poll(Delays.SHORT)) {
            ours.add(e);
            if (ours.size() + theirs.size() >= n) {
                break;
            }
        }
        Set<Integer> seen = new HashSet<>(theirs);
        for (Integer e : ours) {
            assertTrue(seen.add(e), "element " + e + " was taken twice");
        }
        // An element is the consumer's once its take claimed it; the one it held when killed
        // (claimed, not yet printed) is the only one allowed to be missing.
        Set<Integer> missing = new HashSet<>(range(n));
        missing.removeAll(seen);
        assertTrue(missing.size() <= 1, "lost " + missing + "; the consumer said " + theirs + "; we took " + ours.size() + " starting " + ours.subList(0, Math.min(5, ours.size())));
    }

    @Test
    void sizeCountsEveryElementNotTakenWhileAConsumerProcessIdles() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        queue.putAll(range(50));
        assertEquals(50, queue.size());
        try (Reaper reaper = new Reaper()) {
            Lines out = new Lines();
            reaper.start(ChildProcess.builder().name("idle-consumer")
                    .target(() -> takeOneAndBlock(queue)).output(out::accept).build());
            out.awaitFirst();
            assertEquals(49, queue.size(), "a consumer process holds nothing it has not taken");
            while (queue.size() > 0) { // the loop CPython's manager queue allows
                queue.take();
            }
            assertEquals(0, queue.size());
        }
    }

    /** Takes until the queue is closed and drained, then sends everything it took, in order. */
    static void takeAllThenReport(ProcessQueue<Integer> queue, ProcessQueue<ArrayList<Integer>> report)
            throws InterruptedException {
        ArrayList<Integer> took = new ArrayList<>();
        try {
            while (true) {
                took.add(queue.take());
            }
        } catch (IllegalStateException closedAndDrained) {
            report.put(took);
        }
    }

    @Test
    void consumerProcessesTakingAtOnceEachSeeTheProducersOrder() throws Exception {
        int n = 20_000;
        ProcessQueue<Integer> queue = ProcessQueue.create(1000);
        ProcessQueue<ArrayList<Integer>> report = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            for (int c = 0; c < 3; c++) {
                reaper.start(ChildProcess.builder().name("consumer-" + c)
                        .target(() -> takeAllThenReport(queue, report)).build());
            }
            for (int i = 0; i < n; i++) {
                queue.put(i);
            }
            queue.close();
            boolean[] seen = new boolean[n];
            for (int c = 0; c < 3; c++) {
                ArrayList<Integer> took = report.poll(Delays.LONG);
                assertTrue(took != null, "consumer reports missing: " + c + " of 3 came");
                int last = -1;
                for (int e : took) {
                    assertTrue(e > last, "a consumer took " + e + " after " + last);
                    assertTrue(!seen[e], e + " was taken twice");
                    seen[e] = true;
                    last = e;
                }
            }
            for (int i = 0; i < n; i++) {
                assertTrue(seen[i], i + " was never taken");
            }
        }
    }
}
