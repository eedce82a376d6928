package org.mproc.reports.stats;

import java.util.Locale;
import java.util.Optional;

/**
 * How many times as fast one result is as another, with an interval that assumes no normality:
 * the {@link ShiftInterval} of their iterations' log time per operation, so a rate and a time per
 * call of the same thing compare. Above 1, the first is faster. Goals are judged on the interval
 * ({@link #atLeast}): met only when all of it meets the goal, not met only when none of it does.
 *
 * <pre>{@code
 * SpeedRatio r = SpeedRatio.of(mprocApply, cpythonApply, 0.95).orElseThrow();
 * r.text();          // "3.41× [3.02, 3.77]"
 * r.atLeast(3.0);    // Decision.YES, NO or UNDECIDED
 * }</pre>
 *
 * The iterations of one fork are not independent of each other (they share the fork's JIT and its
 * placement), so with one or two forks the interval is narrower than the truth; it says how the
 * measured iterations spread, which is what a run can show.
 */
public record SpeedRatio(double estimate, double lower, double upper, double confidence) {

    /** What the interval says of a goal. */
    public enum Decision { YES, NO, UNDECIDED }

    public SpeedRatio {
        if (!(lower > 0 && lower <= estimate && estimate <= upper && Double.isFinite(upper))) {
            throw new IllegalArgumentException("speed ratio out of order: " + estimate + " in [" + lower + ", " + upper + "]");
        }
    }

    /**
     * {@code a}'s speed over {@code b}'s from every iteration of each; empty when they are too few
     * for the confidence, or their units are not of one kind.
     */
    public static Optional<SpeedRatio> of(BenchmarkResult a, BenchmarkResult b, double confidence) {
        if (!Units.sameKind(a.unit(), b.unit())) {
            return Optional.empty();
        }
        Optional<ShiftInterval> log = ShiftInterval.of(logCost(a, a.unit()), logCost(b, a.unit()), confidence);
        return log.map(i -> new SpeedRatio(Math.exp(i.estimate()), Math.exp(i.lower()), Math.exp(i.upper()), i.confidence()));
    }

    /**
     * {@code this / other}, bounds taken at the extremes (lower over upper, upper over lower): if each
     * holds its value with confidence c, the quotient holds with at least 2c − 1.
     */
    public SpeedRatio over(SpeedRatio other) {
        return new SpeedRatio(estimate / other.estimate, lower / other.upper, upper / other.lower,
                Math.max(0, confidence + other.confidence - 1));
    }

    /** Whether the ratio is at least {@code goal}: YES when the whole interval is, NO when none of it is. */
    public Decision atLeast(double goal) {
        if (lower >= goal) {
            return Decision.YES;
        }
        return upper < goal ? Decision.NO : Decision.UNDECIDED;
    }

    /** "2.19× [1.95, 2.40]". */
    public String text() {
        return String.format(Locale.ROOT, "%.2f× [%.2f, %.2f]", estimate, lower, upper);
    }

    /** log(time per operation) of every iteration, in {@code unit}'s kind: a rate is inverted. */
    private static double[] logCost(BenchmarkResult r, String unit) {
        double[] samples = r.samples();
        double[] out = new double[samples.length];
        boolean rate = Units.isRate(unit);
        for (int i = 0; i < samples.length; i++) {
            double v = r.unit().equals(unit) ? samples[i] : Units.rescale(samples[i], r.unit(), unit);
            if (!(v > 0)) {
                throw new IllegalArgumentException(r.key() + ": an iteration's score is not positive: " + v);
            }
            out[i] = rate ? -Math.log(v) : Math.log(v);
        }
        return out;
    }
}
