package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] SAMPLES = {9.8, 10.1, 10.4, 9.9, 10.0};

    @Test
    void javadocExampleHolds() {
        Interval i = Bootstrap.meanInterval(SAMPLES, 0.95, 42, 2_000);
        assertEquals(10.04, i.estimate(), 1e-12);
        assertTrue(i.contains(10.04));
        assertTrue(i.lower() < 10.04 && 10.04 < i.upper(), i.toString());
        assertTrue(i.lower() >= 9.8 && i.upper() <= 10.4, "inside the samples' range: " + i);
    }

    @Test
    void sameSeedSameInterval() {
        assertEquals(Bootstrap.meanInterval(SAMPLES, 0.95, 7, 1_000), Bootstrap.meanInterval(SAMPLES, 0.95, 7, 1_000));
        assertNotEquals(Bootstrap.meanInterval(SAMPLES, 0.95, 7, 1_000), Bootstrap.meanInterval(SAMPLES, 0.95, 8, 1_000));
    }

    @Test
    void intervalContainsTheTrueMeanForTypicalNoise() {
        int covered = 0;
        for (long seed = 0; seed < 50; seed++) {
            double[] s = Synthetic.noisy("x.B.m", "ops/s", Map.of(), 100, 0.05, 2, 10, seed).samples();
            covered += Bootstrap.meanInterval(s, 0.95, seed, 2_000).contains(100) ? 1 : 0;
        }
        assertTrue(covered >= 43, "covered the true mean " + covered + " times in 50");
    }

    @Test
    void oneSampleIsADegenerateIntervalWithoutNan() {
        Interval i = Bootstrap.meanInterval(new double[] {3.25}, 0.95, 1, 2_000);
        assertEquals(Interval.point(3.25, 0.95), i);
        assertTrue(i.isDegenerate());
        assertFalse(Bootstrap.meanInterval(SAMPLES, 0.95, 1, 100).isDegenerate());
    }

    @Test
    void equalSamplesAreDegenerateToo() {
        assertTrue(Bootstrap.meanInterval(new double[] {2, 2, 2}, 0.9, 1, 100).isDegenerate());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(new double[0], 0.95, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(new double[] {1, Double.NaN}, 0.95, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(SAMPLES, 1.0, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(SAMPLES, 0.95, 1, 0));
    }

    @Test
    void intervalRefusesNanAndMapsThroughAnInverse() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NaN, 0, 1, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Interval(1, 2, 1, 0.95));
        Interval time = new Interval(2, 1, 4, 0.95);
        assertEquals(new Interval(0.5, 0.25, 1, 0.95), time.map(t -> 1 / t));
        assertEquals(new Interval(20, 18, 23, 0.95), new Interval(10, 9, 11.5, 0.95).map(x -> 2 * x));
    }
}
