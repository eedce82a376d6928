package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shrink's search on its own, with made-up failures: where it ends, what it keeps, what it spends (G-HAR-6). */
class ShrinkerTest {
    private static final Dimensions TWO = Dimensions.main("elements", 1).and("processes", 1);
    private static final ShrinkLimits LIMITS = new ShrinkLimits(3, 50, Duration.ofSeconds(30));

    /** A failure decided by the candidate shape alone, recording every try. */
    private static final class Recorder implements Shrinker.Attempt {
        final Map<Shape, Integer> triesPerShape = new LinkedHashMap<>();
        final List<Shape> order = new ArrayList<>();
        private final Predicate<Shape> fails;

        Recorder(Predicate<Shape> fails) {
            this.fails = fails;
        }

        @Override
        public Shrinker.Verdict attempt(Shape candidate) {
            triesPerShape.merge(candidate, 1, Integer::sum);
            order.add(candidate);
            return fails.test(candidate) ? Shrinker.Verdict.FAILED_AGAIN : Shrinker.Verdict.DID_NOT_FAIL;
        }
    }

    private static int value(Shape s, String name) {
        return s.get(name).getAsInt();
    }

    private static Shrinker.Found shrink(Dimensions d, ShrinkLimits limits, Shrinker.Attempt a, Shape original) {
        return new Shrinker(d, limits, a, line -> {}).shrink(original);
    }

    @Test
    @Tag("G-HAR-6")
    void aFailureFromAThresholdOnShrinksToExactlyTheThreshold() {
        Recorder r = new Recorder(s -> value(s, "elements") >= 37 && value(s, "processes") >= 2);
        Shrinker.Found found = shrink(TWO, LIMITS, r, Shape.parse("elements=200,processes=5"));
        assertEquals(Shape.parse("elements=37,processes=2"), found.shape());
        assertEquals(List.of("elements: 36 did not fail in 3 tries", "processes: 1 did not fail in 3 tries"), found.notes());
        assertEquals(r.order.size(), found.tries());
    }

    @Test
    @Tag("G-HAR-6")
    void theMainDimensionIsShrunkFirstAndTheMinimumIsTriedFirst() {
        Dimensions mainLast = Dimensions.main("payload", 0).and("elements", 1);
        Recorder r = new Recorder(s -> true);
        Shrinker.Found found = shrink(mainLast, LIMITS, r, Shape.parse("elements=50,payload=24"));
        assertEquals(Shape.parse("elements=50,payload=0"), r.order.get(0));
        assertEquals(Shape.parse("elements=1,payload=0"), found.shape());
        assertEquals(2, found.tries(), "a failure at any size costs one try per dimension");
        assertEquals(List.of("elements: at its minimum 1", "payload: at its minimum 0"), found.notes());
    }

    @Test
    @Tag("G-HAR-6")
    void aFlakyFailureThatStopsReproducingKeepsTheLastShapeThatFailed() {
        int[] failuresLeft = {2};
        Recorder r = new Recorder(s -> value(s, "elements") >= 10 && failuresLeft[0]-- > 0);
        Shrinker.Found found = shrink(Dimensions.main("elements", 1), LIMITS, r, Shape.parse("elements=200"));
        // 1 (no ×3), 100 (fails), 50 (fails), then nothing fails again: 25, 37, 43, … each tried three times
        assertEquals(Shape.parse("elements=50"), found.shape());
        r.triesPerShape.forEach((shape, n) -> {
            int v = value(shape, "elements");
            assertEquals(v == 100 || v == 50 ? 1 : 3, n, "tries of " + shape);
        });
    }

    @Test
    @Tag("G-HAR-6")
    void aCandidateThatNeverFailsIsTriedExactlyTheBoundedNumberOfTimes() {
        Recorder r = new Recorder(s -> false);
        ShrinkLimits fiveTries = new ShrinkLimits(5, 50, Duration.ofSeconds(30));
        Shrinker.Found found = shrink(TWO, fiveTries, r, Shape.parse("elements=64,processes=3"));
        assertEquals(Shape.parse("elements=64,processes=3"), found.shape());
        assertTrue(r.triesPerShape.values().stream().allMatch(n -> n == 5), r.triesPerShape.toString());
        assertEquals(5 * r.triesPerShape.size(), found.tries());
        assertEquals("elements: 63 did not fail in 5 tries", found.notes().get(0));
    }

    @Test
    @Tag("G-HAR-6")
    void theCandidateLimitEndsTheShrinkAndSaysSo() {
        Recorder r = new Recorder(s -> value(s, "elements") >= 1000);
        Shrinker.Found found = shrink(Dimensions.main("elements", 1), new ShrinkLimits(2, 4, Duration.ofSeconds(30)), r,
                Shape.parse("elements=100000"));
        assertEquals(4, r.triesPerShape.size());
        assertTrue(found.notes().contains("stopped after 4 candidate shapes"), found.notes().toString());
        assertTrue(value(found.shape(), "elements") >= 1000, "kept a shape that failed: " + found.shape());
    }

    @Test
    @Tag("G-HAR-6")
    void theTimeCapEndsTheShrinkAndSaysSo() {
        Shrinker.Attempt slow = candidate -> {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Shrinker.Verdict.DID_NOT_FAIL;
        };
        long start = System.nanoTime();
        Shrinker.Found found = shrink(TWO, new ShrinkLimits(3, 50, Duration.ofMillis(300)), slow, Shape.parse("elements=1000,processes=8"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(300 + 40 + 200)) < 0, "took " + took);
        assertTrue(found.tries() <= 300 / 40 + 1, "tries " + found.tries());
        assertTrue(found.notes().contains("stopped at the time cap of 300ms"), found.notes().toString());
        assertTrue(found.notes().contains("processes: the shrink stopped before this dimension was done"), found.notes().toString());
    }

    @Test
    @Tag("G-HAR-6")
    void anAbortedTryEndsTheShrinkWithItsReason() {
        Shrinker.Attempt leaking = new Shrinker.Attempt() {
            @Override
            public Shrinker.Verdict attempt(Shape candidate) {
                return Shrinker.Verdict.ABORT;
            }

            @Override
            public String abortReason() {
                return "a try leaked";
            }
        };
        Shrinker.Found found = shrink(TWO, LIMITS, leaking, Shape.parse("elements=10,processes=2"));
        assertEquals(1, found.tries());
        assertEquals(Shape.parse("elements=10,processes=2"), found.shape());
        assertTrue(found.notes().contains("stopped: a try leaked"), found.notes().toString());
    }

    @Test
    @Tag("G-HAR-6")
    void aDimensionIsBisectedAgainOnlyWhenAnotherChangedSince() {
        // elements go below 20 only once processes is down to 1: the second pass finds 5
        Recorder r = new Recorder(s -> value(s, "elements") >= 20 || (value(s, "processes") == 1 && value(s, "elements") >= 5));
        Shrinker.Found found = shrink(TWO, LIMITS, r, Shape.parse("elements=100,processes=4"));
        assertEquals(Shape.parse("elements=5,processes=1"), found.shape());
        long elementsBisections = r.order.stream().filter(s -> value(s, "elements") == 1).count();
        assertEquals(2 * 3, elementsBisections, "the minimum of elements tried in two passes, three tries each");
    }
}
