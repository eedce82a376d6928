package org.mproc.reports.stats;

import java.util.Arrays;
import java.util.Optional;

/**
 * A confidence interval for how far a second sample lies from a first ({@code y - x}) that assumes
 * no normality: the Hodges–Lehmann estimate (the median of every pairwise difference) with bounds
 * read off the exact distribution of the Mann–Whitney U statistic. If {@code y} is {@code x}
 * shifted by δ plus noise of the same shape, the interval holds δ with at least the confidence it
 * states, whatever that shape (a long tail, two modes, an outlier fork). The gate takes it on
 * logarithms of a benchmark's per-fork scores, so that a shift is a ratio.
 *
 * <pre>{@code
 * double[] ref = {10.0, 10.4, 9.8, 10.1, 10.2};
 * double[] head = {11.6, 11.9, 11.3, 12.0, 11.5};
 * ShiftInterval i = ShiftInterval.of(ref, head, 0.95).orElseThrow();
 * i.estimate();    // 1.5, the median of the 25 differences head[j] - ref[i]
 * i.confidence();  // 0.968…: with 5 and 5 the exact levels are discrete, the first at or above 95%
 * i.lower() > 0;   // true: head is higher, at that confidence
 * }</pre>
 *
 * Small samples cannot reach every confidence: with 3 and 3 no interval is narrower than "any
 * shift" at 95%, so {@link #of} is empty; {@link #minimumSizePerSide} says how many per side a
 * confidence needs. Up to 60 values in all the U distribution is counted exactly; beyond, the
 * normal approximation with a continuity correction gives the bounds' ranks.
 *
 * @param estimate   the Hodges–Lehmann shift: median of {@code y[j] - x[i]} over all pairs
 * @param lower      the lower bound of the shift
 * @param upper      the upper bound
 * @param confidence the interval's own confidence, at least the one asked for
 */
public record ShiftInterval(double estimate, double lower, double upper, double confidence) {
    private static final int EXACT_LIMIT = 60;

    public ShiftInterval {
        if (!(lower <= estimate && estimate <= upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("shift interval out of order: " + estimate + " in [" + lower + ", " + upper + "]");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
    }

    /**
     * The interval for {@code y - x} at (at least) {@code confidence}, or empty when the samples are
     * too small to reach it.
     */
    public static Optional<ShiftInterval> of(double[] x, double[] y, double confidence) {
        check(x, "x");
        check(y, "y");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        int n = x.length;
        int m = y.length;
        double[] differences = new double[n * m];
        int d = 0;
        for (double xi : x) {
            for (double yj : y) {
                differences[d++] = yj - xi;
            }
        }
        Arrays.sort(differences);
        double estimate = median(differences);
        double alpha = 1 - confidence;
        Rank rank = n + m <= EXACT_LIMIT ? exactRank(n, m, alpha) : normalRank(n, m, alpha);
        if (rank.k < 1) {
            return Optional.empty();
        }
        return Optional.of(new ShiftInterval(estimate, differences[rank.k - 1], differences[n * m - rank.k],
                rank.confidence));
    }

    /** The smallest number of values per side (the same on both) for which {@link #of} gives an interval. */
    public static int minimumSizePerSide(double confidence) {
        for (int n = 2; n <= EXACT_LIMIT / 2; n++) {
            if (exactRank(n, n, 1 - confidence).k >= 1) {
                return n;
            }
        }
        return EXACT_LIMIT / 2;
    }

    /** The interval in ratio terms when {@code x} and {@code y} were logarithms: {@code exp(·) - 1}. */
    public ShiftInterval exp() {
        return new ShiftInterval(Math.expm1(estimate), Math.expm1(lower), Math.expm1(upper), confidence);
    }

    /**
     * The k-th smallest and k-th largest differences bound the interval; its confidence is
     * {@code 1 - 2 P(U <= k - 1)}. k = 0 means no interval reaches the confidence.
     */
    private record Rank(int k, double confidence) {}

    private static Rank exactRank(int n, int m, double alpha) {
        long[] counts = uCounts(n, m);
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        int k = 0;
        double tail = 0;
        double achieved = 0;
        for (int u = 0; u < counts.length; u++) {
            double next = tail + counts[u] / total;
            if (next > alpha / 2) {
                break;
            }
            tail = next;
            k = u + 1;
            achieved = 1 - 2 * tail;
        }
        return new Rank(k, achieved);
    }

    /**
     * How many orderings of n x-values and m y-values give each value of U (the number of pairs
     * with the y-value below the x-value): the coefficients of the Gaussian binomial
     * [n+m choose n] in q, built as the product of (1 - q^(m+i)) / (1 - q^i) for i = 1 … n. Every
     * partial product is itself a Gaussian binomial, so each division is exact and no coefficient
     * exceeds C(n+m, n), which fits a long up to 60 values.
     */
    static long[] uCounts(int n, int m) {
        long[] p = new long[n * m + n + 1];
        p[0] = 1;
        int degree = 0;
        for (int i = 1; i <= n; i++) {
            int up = m + i;
            for (int u = degree + up; u >= up; u--) {
                p[u] -= p[u - up];
            }
            int product = degree + up;
            degree += m;
            for (int u = i; u <= degree; u++) {
                p[u] += p[u - i];
            }
            Arrays.fill(p, degree + 1, product + 1, 0); // the exact quotient ends at its degree
        }
        return Arrays.copyOf(p, n * m + 1);
    }

    private static Rank normalRank(int n, int m, double alpha) {
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        double mean = n * (double) m / 2;
        double sd = Math.sqrt(n * (double) m * (n + m + 1) / 12);
        int k = (int) Math.floor(mean - z * sd + 0.5);
        double tail = new org.apache.commons.math3.distribution.NormalDistribution(mean, sd).cumulativeProbability(k - 0.5);
        return new Rank(Math.max(0, k), k < 1 ? 0 : Math.min(1 - 1e-12, 1 - 2 * tail));
    }

    private static double median(double[] sorted) {
        int h = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }

    private static void check(double[] sample, String name) {
        if (sample == null || sample.length == 0) {
            throw new IllegalArgumentException("no " + name + " values for a shift interval");
        }
        for (double v : sample) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " value is not finite: " + v);
            }
        }
    }
}
