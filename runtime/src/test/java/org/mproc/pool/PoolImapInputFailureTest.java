package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.ResultIterator;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-14: an {@code imap} input that throws — from {@code iterator()}, {@code hasNext()} or
 * {@code next()}, in the first read-ahead or a later one — never makes {@code imap} throw; the
 * iterator yields every result of the chunks read before it (in order for {@code imap}, all of them
 * for {@code imapUnordered}), then that very exception, then ends; the pool stays usable. CPython's
 * test_imap_handle_iterable_exception and test_imap_unordered_handle_iterable_exception.
 */
class PoolImapInputFailureTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    static int square(int x) {
        return x * x;
    }

    /** CPython's SayWhenError. */
    static final class SayWhen extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SayWhen(String message) {
            super(message);
        }
    }

    /** Which method of the input throws. */
    enum Where { ITERATOR, HAS_NEXT, NEXT }

    /**
     * {@code 0, 1, …, length − 1}, as CPython's exception_throwing_generator, whose reading throws
     * {@link #error} on reaching item {@code failAt}: from {@code next()}, from {@code hasNext()}, or
     * from {@code iterator()} before any item.
     */
    static final class Failing implements Iterable<Integer> {
        final int length;
        final int failAt;
        final Where where;
        final SayWhen error;

        Failing(int length, int failAt, Where where) {
            this.length = length;
            this.failAt = failAt;
            this.where = where;
            this.error = new SayWhen(where + " throws at " + failAt);
        }

        @Override
        public Iterator<Integer> iterator() {
            if (where == Where.ITERATOR) {
                throw error;
            }
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    if (where == Where.HAS_NEXT && i == failAt) {
                        throw error;
                    }
                    return i < length;
                }

                @Override
                public Integer next() {
                    if (where == Where.NEXT && i == failAt) {
                        throw error;
                    }
                    if (i >= length) {
                        throw new NoSuchElementException();
                    }
                    return i++;
                }
            };
        }

        /** What comes before the error: the squares of the whole chunks read before item {@code failAt}. */
        List<Integer> expected(int chunksize) {
            int whole = where == Where.ITERATOR ? 0 : failAt / chunksize * chunksize;
            return IntStream.range(0, whole).map(PoolImapInputFailureTest::square).boxed().collect(Collectors.toList());
        }
    }

    /** Takes results until the input's error arrives; any other end (NoSuchElementException) fails the test. */
    private static List<Integer> resultsBefore(SayWhen error, ResultIterator<Integer> it) {
        List<Integer> results = new ArrayList<>();
        while (true) {
            assertTrue(it.hasNext(), "the iterator ended without the input's error");
            try {
                results.add(it.next());
            } catch (SayWhen thrown) {
                assertSame(error, thrown, "the input's own exception, unwrapped");
                assertFalse(it.hasNext(), "the iteration ends at the input's error");
                assertThrows(NoSuchElementException.class, it::next);
                return results;
            }
        }
    }

    private static void everyEarlierResultThenTheError(boolean ordered) {
        qt().withTestingTime(Delays.scaled(Duration.ofSeconds(15)).toMillis(), TimeUnit.MILLISECONDS)
                .withShrinkCycles(50)
                .forAll(integers().between(0, 70), integers().between(1, 30), integers().between(1, 5),
                        arbitrary().enumValues(Where.class))
                .checkAssert((failAt, more, chunksize, where) -> {
                    Failing input = new Failing(failAt + more, failAt, where);
                    Pool pool = POOL.get();
                    // imap itself never throws the input's exception, even when it comes in the first read.
                    try (ResultIterator<Integer> it = ordered ? pool.imap(PoolImapInputFailureTest::square, input, chunksize)
                            : pool.imapUnordered(PoolImapInputFailureTest::square, input, chunksize)) {
                        List<Integer> results = resultsBefore(input.error, it);
                        if (!ordered) {
                            results.sort(null); // squares of non-negative numbers: sorted is input order
                        }
                        assertEquals(input.expected(chunksize), results);
                    }
                });
        assertEquals(List.of(0, 1, 4, 9, 16), POOL.get().map(PoolImapInputFailureTest::square, range(5), 2),
                "the pool stays usable");
    }

    @Test
    @Tag("G-POOL-14")
    void imapYieldsEveryEarlierResultInOrderThenTheInputsException() {
        everyEarlierResultThenTheError(true);
    }

    @Test
    @Tag("G-POOL-14")
    void imapUnorderedYieldsEveryEarlierResultThenTheInputsException() {
        everyEarlierResultThenTheError(false);
    }

    /** CPython's cases, as test_imap_handle_iterable_exception writes them. */
    @Test
    @Tag("G-POOL-14")
    void cpythonsCasesEndAtTheStartOfTheFailingChunk() {
        int[][] cases = {{1, 0, 1, 0}, {10, 3, 1, 3}, {20, 7, 2, 6}, {20, 7, 4, 4}}; // length, failAt, chunksize, results
        for (int[] c : cases) {
            Failing input = new Failing(c[0], c[1], Where.NEXT);
            try (ResultIterator<Integer> it = POOL.get().imap(PoolImapInputFailureTest::square, input, c[2])) {
                assertEquals(c[3], resultsBefore(input.error, it).size(), () -> "length, failAt, chunksize " + c[0]
                        + ", " + c[1] + ", " + c[2]);
            }
        }
    }

    @Test
    @Tag("G-POOL-14")
    void anIterableWhoseIteratorMethodThrowsFailsAtTheFirstNext() {
        for (boolean ordered : new boolean[] {true, false}) {
            Failing input = new Failing(10, 0, Where.ITERATOR);
            try (ResultIterator<Integer> it = ordered ? POOL.get().imap(PoolImapInputFailureTest::square, input)
                    : POOL.get().imapUnordered(PoolImapInputFailureTest::square, input)) {
                assertEquals(List.of(), resultsBefore(input.error, it));
            }
        }
    }

    @Test
    @Tag("G-POOL-14")
    void aHasNextThatThrowsAfterSomeItemsFailsAfterTheirResults() {
        Failing input = new Failing(10, 4, Where.HAS_NEXT);
        try (ResultIterator<Integer> it = POOL.get().imap(PoolImapInputFailureTest::square, input)) {
            assertEquals(List.of(0, 1, 4, 9), resultsBefore(input.error, it));
        }
    }

    /** Waits for the gate {@code go}, then squares. */
    static int gatedSquare(int x, String dir) throws InterruptedException {
        Marks.awaitGate(dir, "go", Delays.CHILD);
        Marks.put(dir, "ran-" + x, Marks.pid());
        return x * x;
    }

    /**
     * The input fails in imap's first read while the chunks read before it cannot have finished
     * (they wait for a gate): imap returns, and those chunks still run to the end and deliver.
     */
    @Test
    @Tag("G-POOL-14")
    void chunksReadBeforeTheFailureRunToTheEndAfterImapReturns() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Failing input = new Failing(20, 5, Where.NEXT);
            try (ResultIterator<Integer> it = POOL.get().imap(x -> gatedSquare(x, dir), input)) {
                assertEquals(List.of(), marks.names("ran-"), "no chunk finished before imap returned");
                marks.open("go");
                assertEquals(List.of(0, 1, 4, 9, 16), resultsBefore(input.error, it));
            }
            assertEquals(5, marks.names("ran-").size(), "exactly the chunks read before the failure ran");
        }
    }

    /** Throws {@code t} whatever it is, as Kotlin or Lombok's {@code @SneakyThrows} code can. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    @Tag("G-POOL-14")
    void aCheckedExceptionThrownByStealthComesBackAsItWas() {
        IOException checked = new IOException("disk gone");
        Iterable<Integer> input = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 3) {
                    throw sneaky(checked);
                }
                return i++;
            }
        };
        try (ResultIterator<Integer> it = POOL.get().imap(PoolImapInputFailureTest::square, input)) {
            assertEquals(0, it.next());
            assertEquals(1, it.next());
            assertEquals(4, it.next());
            Exception e = assertThrows(Exception.class, it::next);
            assertSame(checked, e);
            assertFalse(it.hasNext());
        }
    }

    @Test
    @Tag("G-POOL-14")
    void closingBeforeTheErrorIsTakenForgetsItWithTheResults() {
        Failing input = new Failing(10, 6, Where.NEXT);
        ResultIterator<Integer> it = POOL.get().imap(PoolImapInputFailureTest::square, input);
        assertEquals(0, it.next());
        it.close();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }
}
