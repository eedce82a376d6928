package org.mproc.reports.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Fits Amdahl's law to a scaling curve: the serial fraction f in S(k) = 1 / (f + (1 − f) / k), by
 * least squares, with a 95% interval, clamped to [0, 1] (saying so in the note). Two points give a
 * fit but no R² ({@value AmdahlResult#TWO_POINTS}); one point, or no point above one core, gives
 * no fit ({@link AmdahlResult#fitted()} false), never an exception or a NaN.
 *
 * <pre>{@code
 * AmdahlResult fit = AmdahlFit.fit(Scaling.analyse(byCores, baseline));
 * System.out.printf("serial fraction %.3f [%.3f, %.3f] (%s)%n", fit.serialFraction().estimate(),
 *         fit.serialFraction().lower(), fit.serialFraction().upper(), fit.note());
 * }</pre>
 *
 * How: 1/S − 1/k = f · (1 − 1/k) is linear in f, so f is the least-squares slope through the origin
 * of y = 1/S − 1/k on x = 1 − 1/k, in closed form: f = Σxy / Σx². The interval is the wider of
 * (a) the regression's, f ± t(0.975, n−1) · s / √Σx², where s² = Σ(y − f x)² / (n − 1), and
 * (b) the fits through every point's speedup interval ends (all at their upper ends, all at their
 * lower ends), so that two points which the law fits exactly still show their measurement noise.
 * A k = 1 point (x = 0) does not move f but its misfit (S(1) ≠ 1: pool overhead) widens the interval.
 */
public final class AmdahlFit {
    /** Confidence of the serial fraction's interval. */
    public static final double CONFIDENCE = 0.95;

    private AmdahlFit() {}

    public static AmdahlResult fit(List<ScalingPoint> points) {
        if (points.size() < 2) {
            return AmdahlResult.unfitted(points.size() + (points.size() == 1 ? " point" : " points") + ": cannot fit");
        }
        if (points.stream().allMatch(p -> p.cores() == 1)) {
            return AmdahlResult.unfitted("no point above one core: cannot fit");
        }
        int n = points.size();
        double f = slope(points, ScalingPoint::speedup);
        double residuals = 0;
        double xx = 0;
        for (ScalingPoint p : points) {
            double r = y(p.speedup(), p.cores()) - f * x(p.cores());
            residuals += r * r;
            xx += x(p.cores()) * x(p.cores());
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability((1 + CONFIDENCE) / 2);
        double half = t * Math.sqrt(residuals / (n - 1) / xx);
        double fastEnds = slope(points, p -> p.speedupInterval().upper());
        double slowEnds = slope(points, p -> p.speedupInterval().lower());
        Interval raw = new Interval(f, Math.min(f - half, fastEnds), Math.max(f + half, slowEnds), CONFIDENCE);

        List<String> notes = new ArrayList<>();
        notes.add("least squares on 1/S = f + (1 - f)/k over " + n + " points, k = "
                + points.stream().mapToInt(ScalingPoint::cores).min().getAsInt() + ".."
                + points.stream().mapToInt(ScalingPoint::cores).max().getAsInt());
        if (f < 0 || f > 1) {
            notes.add(String.format(Locale.ROOT, "estimate %.4f clamped to [0, 1]%s", f,
                    f < 0 ? " (faster than linear)" : ""));
        } else if (raw.lower() < 0 || raw.upper() > 1) {
            notes.add("interval clamped to [0, 1]");
        }
        Interval clamped = raw.clamp(0, 1);
        OptionalDouble r2 = OptionalDouble.empty();
        if (n == 2) {
            notes.add(AmdahlResult.TWO_POINTS);
        } else {
            r2 = rSquared(points, clamped.estimate());
            if (r2.isEmpty()) {
                notes.add("all speedups equal: no goodness of fit");
            }
        }
        return new AmdahlResult(clamped, r2, String.join("; ", notes), true);
    }

    private static double slope(List<ScalingPoint> points, ToDoubleFunction<ScalingPoint> speedup) {
        double xy = 0;
        double xx = 0;
        for (ScalingPoint p : points) {
            double x = x(p.cores());
            xy += x * y(speedup.applyAsDouble(p), p.cores());
            xx += x * x;
        }
        return xy / xx;
    }

    private static OptionalDouble rSquared(List<ScalingPoint> points, double f) {
        double mean = points.stream().mapToDouble(ScalingPoint::speedup).average().orElseThrow();
        double total = 0;
        double residual = 0;
        for (ScalingPoint p : points) {
            total += Math.pow(p.speedup() - mean, 2);
            residual += Math.pow(p.speedup() - AmdahlResult.speedup(f, p.cores()), 2);
        }
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(1 - residual / total);
    }

    private static double x(int cores) {
        return 1 - 1.0 / cores;
    }

    private static double y(double speedup, int cores) {
        return 1 / speedup - 1.0 / cores;
    }
}
