package org.mproc.reports.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Direction;
import org.mproc.reports.stats.Units;

/** The gate's rule for one key present on both sides: Welch's p and the minimum effect, both required. */
final class Judge {
    private Judge() {}

    static Comparison judge(String key, BenchmarkResult base, BenchmarkResult cur, GateSettings settings) {
        double[] a = base.samples();
        double[] b = cur.samples();
        String unit = base.unit();
        if (!unit.equals(cur.unit())) {
            if (!Units.sameKind(unit, cur.unit())) {
                return untested(key, unit, a, null, null, "units differ (" + unit + " vs " + cur.unit() + "): not compared");
            }
            b = Arrays.stream(b).map(x -> Units.rescale(x, cur.unit(), unit)).toArray();
        }
        Direction direction;
        try {
            direction = base.direction();
        } catch (IllegalArgumentException unknown) {
            return untested(key, unit, a, b, null, unknown.getMessage());
        }
        double meanA = StatUtils.mean(a);
        double meanB = StatUtils.mean(b);
        if (!(meanA > 0)) {
            return untested(key, unit, a, b, null, "baseline mean " + meanA + " is not positive: no relative change");
        }
        double change = direction.worsening(meanA, meanB);
        if (a.length < 2 || b.length < 2) {
            return untested(key, unit, a, b, change, "cannot test: " + a.length + " baseline and " + b.length
                    + " current samples (Welch needs 2 on each side)");
        }
        double p = welchP(a, b, meanA, meanB);
        Verdict verdict;
        String note;
        if (p >= settings.alpha()) {
            verdict = Verdict.UNCHANGED;
            note = String.format(Locale.ROOT, "not significant (p >= %s)", settings.alpha());
        } else if (Math.abs(change) <= settings.minEffect()) {
            verdict = Verdict.UNCHANGED;
            note = String.format(Locale.ROOT, "significant but within the %.0f%% minimum effect", 100 * settings.minEffect());
        } else {
            verdict = change > 0 ? Verdict.REGRESSED : Verdict.IMPROVED;
            note = String.format(Locale.ROOT, "%s, %d vs %d samples", change > 0 ? "worse" : "better", a.length, b.length);
        }
        return new Comparison(key, unit, OptionalDouble.of(meanA), OptionalDouble.of(meanB),
                OptionalDouble.of(change), OptionalDouble.of(p), verdict, note);
    }

    /**
     * Welch's two-sided p (Commons Math's {@code TTest.tTest}, unequal variances). Two constant
     * samples make the statistic 0/0 or x/0: equal means are p = 1, different ones p = 0.
     */
    static double welchP(double[] a, double[] b, double meanA, double meanB) {
        if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
            return meanA == meanB ? 1.0 : 0.0;
        }
        double p = new TTest().tTest(a, b);
        return Double.isFinite(p) ? p : 1.0;
    }

    /** UNCHANGED without a p-value; {@code b} is null when the current mean is not in the baseline's unit. */
    private static Comparison untested(String key, String unit, double[] a, double[] b, Double change, String note) {
        return new Comparison(key, unit, OptionalDouble.of(StatUtils.mean(a)),
                b == null ? OptionalDouble.empty() : OptionalDouble.of(StatUtils.mean(b)),
                change == null || !Double.isFinite(change) ? OptionalDouble.empty() : OptionalDouble.of(change),
                OptionalDouble.empty(), Verdict.UNCHANGED, note);
    }
}
