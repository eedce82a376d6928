package org.mproc.reports.stats;

/**
 * An estimate with a confidence interval around it. Every field is finite, {@code lower <= upper}
 * and {@code confidence} is in [0, 1), so an interval can go into JSON as it is. A single
 * observation gives a degenerate interval {@code [x, x]}, which {@link #isDegenerate()} reports.
 *
 * <pre>{@code
 * Interval i = new Interval(10.0, 9.0, 11.5, 0.95);
 * i.contains(10.4);     // true
 * i.halfWidth();        // 1.25
 * i.map(x -> 2 * x);    // [18.0, 23.0] around 20.0
 * }</pre>
 */
public record Interval(double estimate, double lower, double upper, double confidence) {

    public Interval {
        if (!Double.isFinite(estimate) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("interval must be finite: " + estimate + " in [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower bound " + lower + " above upper bound " + upper);
        }
        if (!(confidence >= 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1): " + confidence);
        }
    }

    /** The degenerate interval of one observation. */
    public static Interval point(double x, double confidence) {
        return new Interval(x, x, x, confidence);
    }

    /** True when the interval is a single point: one sample, or samples all equal. */
    public boolean isDegenerate() {
        return lower == upper;
    }

    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /**
     * The interval through a monotone function, bounds swapped when it decreases: a time per op
     * becomes a rate with {@code map(t -> 1 / t)}.
     */
    public Interval map(java.util.function.DoubleUnaryOperator f) {
        double a = f.applyAsDouble(lower);
        double b = f.applyAsDouble(upper);
        return new Interval(f.applyAsDouble(estimate), Math.min(a, b), Math.max(a, b), confidence);
    }

    /** The interval with every field clamped to [min, max]. */
    public Interval clamp(double min, double max) {
        return new Interval(clampOne(estimate, min, max), clampOne(lower, min, max), clampOne(upper, min, max), confidence);
    }

    private static double clampOne(double x, double min, double max) {
        return Math.max(min, Math.min(max, x));
    }
}
