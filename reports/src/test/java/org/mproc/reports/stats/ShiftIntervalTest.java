package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftIntervalTest {

    @Test
    void javadocExampleHolds() {
        double[] ref = {10.0, 10.4, 9.8, 10.1, 10.2};
        double[] head = {11.6, 11.9, 11.3, 12.0, 11.5};
        ShiftInterval i = ShiftInterval.of(ref, head, 0.95).orElseThrow();
        assertEquals(1.5, i.estimate(), 1e-12);
        assertEquals(1 - 2 * 4 / 252.0, i.confidence(), 1e-12, "P(U <= 2) = 4/252 for 5 and 5");
        assertTrue(i.lower() > 0, i.toString());
    }

    @Test
    void uCountsMatchEveryOrderingCountedByHand() {
        qt().forAll(integers().between(1, 7), integers().between(1, 7)).checkAssert((n, m) ->
                assertArrayEquals(bruteForceCounts(n, m), ShiftInterval.uCounts(n, m), n + " and " + m));
    }

    @Test
    void shiftingOneSampleShiftsTheIntervalByTheSameAmount() {
        qt().forAll(longs().all(), integers().between(4, 12), doubles().between(-50, 50)).checkAssert((seed, n, delta) -> {
            SplittableRandom random = new SplittableRandom(seed);
            double[] x = noisy(random, n, 0);
            double[] y = noisy(random, n + 1, 0);
            double[] moved = y.clone();
            for (int j = 0; j < moved.length; j++) {
                moved[j] += delta;
            }
            ShiftInterval a = ShiftInterval.of(x, y, 0.95).orElseThrow();
            ShiftInterval b = ShiftInterval.of(x, moved, 0.95).orElseThrow();
            assertEquals(a.estimate() + delta, b.estimate(), 1e-9);
            assertEquals(a.lower() + delta, b.lower(), 1e-9);
            assertEquals(a.upper() + delta, b.upper(), 1e-9);
            assertTrue(a.lower() <= a.estimate() && a.estimate() <= a.upper());
        });
    }

    /** Heavy-tailed noise with an outlier now and then: the interval still holds the true shift as often as it says. */
    @Test
    void coversTheTrueShiftAtLeastAsOftenAsItsConfidenceUnderSkewedNoise() {
        for (int n : new int[] {5, 8, 40}) {
            SplittableRandom random = new SplittableRandom(n);
            int trials = 1_000;
            int covered = 0;
            double confidence = 0;
            for (int t = 0; t < trials; t++) {
                ShiftInterval i = ShiftInterval.of(noisy(random, n, 0), noisy(random, n, 0.3), 0.95).orElseThrow();
                covered += i.lower() <= 0.3 && 0.3 <= i.upper() ? 1 : 0;
                confidence = i.confidence();
            }
            assertTrue(confidence >= 0.95, "confidence " + confidence);
            assertTrue(covered >= 0.93 * trials, n + " per side: covered " + covered + " of " + trials);
        }
    }

    @Test
    void tooFewValuesGiveNoInterval() {
        assertTrue(ShiftInterval.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}, 0.95).isEmpty());
        assertEquals(4, ShiftInterval.minimumSizePerSide(0.95));
        assertTrue(ShiftInterval.of(new double[] {1, 2, 3, 4}, new double[] {4, 5, 6, 7}, 0.95).isPresent());
    }

    @Test
    void largeSamplesUseTheNormalApproximationAndAgreeWithTheExactCountNearTheLimit() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = noisy(random, 30, 0);
        double[] y = noisy(random, 30, 0.1);
        double[] y31 = noisy(random, 31, 0.1);
        ShiftInterval exact = ShiftInterval.of(x, y, 0.95).orElseThrow();
        ShiftInterval normal = ShiftInterval.of(x, y31, 0.95).orElseThrow();
        assertEquals(exact.confidence(), normal.confidence(), 0.01);
        assertTrue(normal.confidence() >= 0.94, normal.toString());
    }

    @Test
    void expTurnsALogShiftIntoARatioChange() {
        ShiftInterval log = new ShiftInterval(Math.log(1.2), Math.log(1.1), Math.log(1.3), 0.96);
        ShiftInterval ratio = log.exp();
        assertEquals(0.2, ratio.estimate(), 1e-12);
        assertEquals(0.1, ratio.lower(), 1e-12);
        assertEquals(0.3, ratio.upper(), 1e-12);
    }

    @Test
    void badInputIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShiftInterval.of(new double[0], new double[] {1}, 0.95));
        assertTrue(e.getMessage().contains("no x values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShiftInterval.of(new double[] {1}, new double[] {Double.NaN}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ShiftInterval.of(new double[] {1}, new double[] {1}, 1.0));
    }

    /** Log-normal noise around {@code shift}, with one value in ten pushed far out. */
    private static double[] noisy(SplittableRandom random, int n, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double outlier = random.nextInt(10) == 0 ? 1.5 * random.nextDouble() : 0;
            v[i] = shift + Math.exp(0.1 * z) - 1 + outlier;
        }
        return v;
    }

    /** U for every way of choosing which n of n + m ranked positions are the x-values. */
    private static long[] bruteForceCounts(int n, int m) {
        long[] counts = new long[n * m + 1];
        for (int mask = 0; mask < 1 << (n + m); mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            int u = 0;
            int ysBelow = 0;
            for (int position = 0; position < n + m; position++) {
                if ((mask & 1 << position) != 0) {
                    u += ysBelow;
                } else {
                    ysBelow++;
                }
            }
            counts[u]++;
        }
        return counts;
    }
}
