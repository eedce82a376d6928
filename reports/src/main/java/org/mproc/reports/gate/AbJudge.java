package org.mproc.reports.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.mproc.reports.stats.Direction;
import org.mproc.reports.stats.ShiftInterval;

/**
 * The A/B rule for one benchmark: the distribution-free interval ({@link ShiftInterval}) of the
 * shift between the logarithms of head's and the ref's per-fork time per operation — a ratio — set
 * against the threshold band [1 / (1 + t), 1 + t]. REGRESSED or IMPROVED only when the whole
 * interval lies beyond the band, UNCHANGED when it lies inside, INCONCLUSIVE when it reaches across
 * an edge; then the estimate of more forks assumes the interval narrows as 1 / √forks.
 *
 * <pre>{@code
 * AbComparison c = AbJudge.judge(samples, new Threshold(0.10, "floor 10%"), 0.95);
 * c.verdict();  // REGRESSED when head's time per op is surely above 1.10 × the ref's
 * }</pre>
 */
public final class AbJudge {
    /** More forks than this per side is reported as "more than", not as a number. */
    static final int MOST_FORKS_WORTH_NAMING = 200;

    private AbJudge() {}

    /** A threshold and the reason for it, as the table shows it. */
    public record Threshold(double fraction, String source) {
        public Threshold {
            if (!(fraction > 0 && Double.isFinite(fraction))) {
                throw new IllegalArgumentException("threshold must be a positive fraction: " + fraction);
            }
        }
    }

    public static AbComparison judge(ForkSamples s, Threshold threshold, double confidence) {
        Direction direction = Direction.ofUnit(s.unit());
        double[] ref = logCost(s.ref(), direction, s.key());
        double[] head = logCost(s.head(), direction, s.key());
        double refMedian = median(s.ref());
        double headMedian = median(s.head());
        double band = Math.log1p(threshold.fraction());
        Optional<ShiftInterval> found = ShiftInterval.of(ref, head, confidence);
        if (found.isEmpty()) {
            double change = Math.expm1(Math.log(costOf(headMedian, direction)) - Math.log(costOf(refMedian, direction)));
            int needed = ShiftInterval.minimumSizePerSide(confidence);
            return new AbComparison(s.key(), s.unit(), ref.length, head.length, refMedian, headMedian, change, Double.NaN,
                    Double.NaN, confidence, threshold.fraction(), threshold.source(), AbVerdict.INCONCLUSIVE,
                    OptionalInt.of(Math.max(1, needed - Math.min(ref.length, head.length))),
                    String.format(Locale.ROOT, "%d and %d forks give no %.0f%% interval; %d per side do",
                            ref.length, head.length, 100 * confidence, needed));
        }
        ShiftInterval log = found.get();
        ShiftInterval ratio = log.exp();
        AbVerdict verdict;
        OptionalInt more = OptionalInt.empty();
        String note;
        if (log.lower() > band) {
            verdict = AbVerdict.REGRESSED;
            note = "slower beyond the threshold";
        } else if (log.upper() < -band) {
            verdict = AbVerdict.IMPROVED;
            note = "faster beyond the threshold";
        } else if (log.lower() >= -band && log.upper() <= band) {
            verdict = AbVerdict.UNCHANGED;
            note = "within the threshold";
        } else {
            verdict = AbVerdict.INCONCLUSIVE;
            more = moreForks(log, band, Math.min(ref.length, head.length));
            note = more.isPresent() ? "about " + more.getAsInt() + " more fork" + (more.getAsInt() == 1 ? "" : "s")
                    + " per side would decide"
                    : "more than " + MOST_FORKS_WORTH_NAMING + " forks per side would be needed: the change sits on the threshold";
        }
        return new AbComparison(s.key(), s.unit(), ref.length, head.length, refMedian, headMedian, ratio.estimate(),
                ratio.lower(), ratio.upper(), ratio.confidence(), threshold.fraction(), threshold.source(), verdict, more, note);
    }

    /**
     * Forks per side to add so that the interval, narrowing as 1 / √n around the same estimate,
     * would clear the edge it reaches across (both edges, when the estimate is inside the band).
     */
    static OptionalInt moreForks(ShiftInterval log, double band, int n) {
        double below = log.estimate() - log.lower();
        double above = log.upper() - log.estimate();
        double factor;
        if (log.estimate() > band) {
            factor = below / (log.estimate() - band);
        } else if (log.estimate() < -band) {
            factor = above / (-band - log.estimate());
        } else {
            factor = Math.max(above / (band - log.estimate()), below / (log.estimate() + band));
        }
        double needed = n * factor * factor;
        if (!Double.isFinite(needed) || needed > MOST_FORKS_WORTH_NAMING) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.max(1, (int) Math.ceil(needed) - n));
    }

    /** log(time per operation): a rate is inverted so that a higher value is always slower. */
    static double[] logCost(double[] scores, Direction direction, String key) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] > 0)) {
                throw new IllegalArgumentException(key + ": a fork's score is not positive: " + scores[i]);
            }
            out[i] = Math.log(costOf(scores[i], direction));
        }
        return out;
    }

    private static double costOf(double score, Direction direction) {
        return direction == Direction.HIGHER_IS_BETTER ? 1 / score : score;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int h = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }
}
