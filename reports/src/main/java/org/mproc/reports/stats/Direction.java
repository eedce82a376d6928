package org.mproc.reports.stats;

/**
 * Which way a score improves, read from its unit: a rate ({@code ops/s}, {@code ops/ms}, …) is
 * better higher, a time per operation ({@code s/op}, {@code us/op}, …) is better lower, and the
 * dimensionless {@value #RATIO_UNIT} of {@code RatioSeries} ("times as fast as the denominator") is
 * better higher. Any other unit is refused, naming it, rather than guessed.
 *
 * <pre>{@code
 * Direction.ofUnit("ops/s");  // HIGHER_IS_BETTER
 * Direction.ofUnit("us/op");  // LOWER_IS_BETTER
 * Direction.ofUnit("B/op");   // IllegalArgumentException: unknown score unit 'B/op' …
 * }</pre>
 */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** The unit of a speed ratio: how many times as fast a numerator is as its denominator. */
    public static final String RATIO_UNIT = "ratio";

    /** The direction of a JMH score unit; unknown units throw {@link IllegalArgumentException}. */
    public static Direction ofUnit(String unit) {
        if (RATIO_UNIT.equals(unit)) {
            return HIGHER_IS_BETTER;
        }
        return Units.isRate(unit) ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    /**
     * The change from {@code baseline} to {@code current} as a fraction of the baseline, signed so
     * that positive is worse: a throughput falling from 100 to 70 and a time rising from 100 to 130
     * are both {@code +0.30}.
     */
    public double worsening(double baseline, double current) {
        double change = (current - baseline) / baseline;
        return this == LOWER_IS_BETTER ? change : -change;
    }
}
