package org.mproc.reports.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap confidence intervals for a mean: the same samples, confidence, seed and
 * resample count always give the same interval, and the result is never NaN. One sample (or all
 * samples equal) gives the degenerate interval {@code [x, x]} ({@link Interval#isDegenerate()}).
 *
 * <pre>{@code
 * Interval i = Bootstrap.meanInterval(new double[] {9.8, 10.1, 10.4, 9.9, 10.0}, 0.95, 42, 2_000);
 * i.estimate();   // 10.04, the sample mean
 * i.contains(10.04);  // true
 * }</pre>
 *
 * How: draw {@code resamples} resamples with replacement, take each one's mean, and report the
 * {@code (1 - confidence) / 2} and {@code (1 + confidence) / 2} quantiles of those means (nearest
 * rank). The estimate is the plain sample mean. With the handful of iterations JMH gives per fork
 * the interval is narrower than it should be (the percentile bootstrap under-covers for tiny n);
 * it is a picture of spread for the report, not a test; the gate uses Welch's t-test.
 */
public final class Bootstrap {
    /** Resamples used when a caller has no reason to choose. */
    public static final int DEFAULT_RESAMPLES = 2_000;

    private Bootstrap() {}

    public static Interval meanInterval(double[] samples, double confidence, long seed, int resamples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("no samples to bootstrap");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive: " + resamples);
        }
        for (double s : samples) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("sample is not finite: " + s);
            }
        }
        double mean = mean(samples);
        if (samples.length == 1 || Arrays.stream(samples).allMatch(s -> s == samples[0])) {
            return Interval.point(samples[0], confidence);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < samples.length; i++) {
                sum += samples[random.nextInt(samples.length)];
            }
            means[r] = sum / samples.length;
        }
        Arrays.sort(means);
        double lower = means[rank((1 - confidence) / 2, resamples)];
        double upper = means[rank((1 + confidence) / 2, resamples)];
        // The sample mean lies inside the resampled means' range; keep it inside the interval too.
        return new Interval(mean, Math.min(lower, mean), Math.max(upper, mean), confidence);
    }

    private static int rank(double quantile, int n) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(quantile * n) - 1));
    }

    static double mean(double[] samples) {
        double sum = 0;
        for (double s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }
}
