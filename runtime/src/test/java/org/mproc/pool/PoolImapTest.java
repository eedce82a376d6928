package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.ResultIterator;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.SharedPool;

/** G-POOL-2: imap yields map's list in order and lazily; imapUnordered yields the same multiset. */
class PoolImapTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    static int square(int x) {
        return x * x;
    }

    private static <R> List<R> drain(ResultIterator<R> it) {
        List<R> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    @Tag("G-POOL-2")
    void imapYieldsMapsListInOrderAndUnorderedTheSameMultiset() {
        qt().withTestingTime(Delays.scaled(Duration.ofSeconds(15)).toMillis(), TimeUnit.MILLISECONDS)
                .withShrinkCycles(50)
                .forAll(lists().of(integers().between(-500, 500)).ofSizeBetween(0, 120), integers().between(1, 9))
                .checkAssert((xs, chunk) -> {
                    List<Integer> expected = xs.stream().map(PoolImapTest::square).collect(Collectors.toList());
                    assertEquals(expected, drain(POOL.get().imap(PoolImapTest::square, xs, chunk)));
                    List<Integer> unordered = drain(POOL.get().imapUnordered(PoolImapTest::square, xs, chunk));
                    assertEquals(expected.stream().sorted().collect(Collectors.toList()),
                            unordered.stream().sorted().collect(Collectors.toList()));
                });
    }

    /** An input that never ends, counting what was read: only a lazy imap can work on it. */
    static final class Endless implements Iterable<Integer> {
        final AtomicInteger read = new AtomicInteger();

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    return read.getAndIncrement();
                }
            };
        }
    }

    @Test
    @Tag("G-POOL-2")
    void imapReadsItsInputLazilyInBoundedBatches() {
        Endless input = new Endless();
        List<Integer> first = new ArrayList<>();
        try (ResultIterator<Integer> it = POOL.get().imap(PoolImapTest::square, input, 3)) {
            for (int i = 0; i < 20; i++) {
                first.add(it.next());
            }
        }
        assertEquals(IntStream.range(0, 20).map(x -> x * x).boxed().collect(Collectors.toList()), first);
        int window = 4 * POOL.get().processes() * 3;
        assertTrue(input.read.get() <= 20 + window + 3, "read " + input.read.get() + " items for 20 results");
    }

    static int failAtFive(int x) {
        if (x == 5) {
            throw new IllegalArgumentException("five");
        }
        return x;
    }

    @Test
    @Tag("G-POOL-3")
    void aFailingTaskThrowsAtItsPositionAndIterationGoesOn() {
        try (ResultIterator<Integer> it = POOL.get().imap(PoolImapTest::failAtFive, List.of(0, 1, 2, 3, 4, 5, 6, 7))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, it.next());
            }
            TaskFailedException e = assertThrows(TaskFailedException.class, it::next);
            assertEquals(5, e.taskIndex());
            assertEquals(6, it.next());
            assertEquals(7, it.next());
            assertTrue(!it.hasNext());
        }
    }

    @Test
    @Tag("G-POOL-12")
    void afterCloseAnImapIteratorYieldsWhatWasComputedThenThrows() {
        Pool own = new Pool(1);
        Endless input = new Endless();
        ResultIterator<Integer> it = own.imap(PoolImapTest::square, input, 1);
        assertEquals(0, it.next());
        own.close();
        int yielded = 0;
        IllegalStateException e = null;
        while (e == null) {
            try {
                it.next();
                yielded++;
            } catch (IllegalStateException closed) {
                e = closed;
            }
        }
        assertTrue(yielded < 4 * own.processes(), "only what was already submitted: " + yielded);
        assertThrows(IllegalStateException.class, () -> own.imap(PoolImapTest::square, List.of(1)));
    }

    /** Leaves the mark {@code ran-x}, then waits for the gate {@code go}. */
    static int markThenWait(int x, String dir) throws InterruptedException {
        Marks.put(dir, "ran-" + x, Marks.pid());
        Marks.awaitGate(dir, "go", Delays.CHILD);
        return x;
    }

    /**
     * Closing an iterator drops the submitted chunks no worker has taken yet, for imapUnordered as
     * for imap: with every worker busy and a full window submitted, only the chunks the workers
     * already took (the running one and at most one queued behind it, G-POOL-4) ever run.
     */
    private static void closeDropsTheChunksNoWorkerTook(boolean ordered) {
        Pool pool = POOL.get();
        int taken = 2 * pool.processes(); // one running and one queued per worker
        int window = 4 * pool.processes(); // chunks an imap submits at once (chunksize 1)
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            List<Integer> xs = IntStream.range(0, 10 * window).boxed().collect(Collectors.toList());
            ResultIterator<Integer> it = ordered ? pool.imap(x -> markThenWait(x, dir), xs, 1)
                    : pool.imapUnordered(x -> markThenWait(x, dir), xs, 1);
            assertTrue(it.hasNext()); // the window is submitted
            await().atMost(Delays.CHILD).until(() -> marks.names("ran-").size() >= pool.processes());
            it.close();
            marks.open("go");
            // The workers finish what they took; a later call on every worker runs after it.
            List<Integer> later = xs.subList(0, 2 * taken);
            assertEquals(later, pool.map(PoolImapTest::slowIdentity, later, 1));
            // Without the cancellation, the window's other chunks would have run by now.
            await().during(Delays.scaled(Duration.ofMillis(300))).atMost(Delays.SHORT)
                    .untilAsserted(() -> assertTrue(marks.names("ran-").size() <= taken,
                            () -> "chunks ran after close(): " + marks.names("ran-") + " (window " + window + ")"));
        }
    }

    static int slowIdentity(int x) throws InterruptedException {
        Thread.sleep(5);
        return x;
    }

    @Test
    @Tag("G-POOL-2")
    void closingAnImapUnorderedIteratorDropsItsUnstartedChunks() {
        closeDropsTheChunksNoWorkerTook(false);
    }

    @Test
    @Tag("G-POOL-2")
    void closingAnImapIteratorDropsItsUnstartedChunks() {
        closeDropsTheChunksNoWorkerTook(true);
    }
}
