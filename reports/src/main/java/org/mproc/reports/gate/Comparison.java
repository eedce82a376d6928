package org.mproc.reports.gate;

import java.util.OptionalDouble;

/**
 * One row of the gate: a benchmark key in the baseline and the current run, both means (of raw
 * iteration scores, in the baseline's unit), the relative change signed so that positive is worse
 * whatever the unit, Welch's p-value, the verdict and a note saying why. Absent values are empty,
 * never NaN: a missing side has no mean, an untestable pair (fewer than two samples) has no p.
 *
 * <pre>{@code
 * for (Comparison c : report.regressed()) {
 *     System.out.printf("%s is %.0f%% worse (p = %.4f)%n", c.key(),
 *             100 * c.relativeChange().getAsDouble(), c.pValue().getAsDouble());
 * }
 * }</pre>
 */
public record Comparison(String key, String unit, OptionalDouble baselineMean, OptionalDouble currentMean,
                         OptionalDouble relativeChange, OptionalDouble pValue, Verdict verdict, String note) {

    public Comparison {
        for (OptionalDouble d : new OptionalDouble[] {baselineMean, currentMean, relativeChange, pValue}) {
            if (d.isPresent() && !Double.isFinite(d.getAsDouble())) {
                throw new IllegalArgumentException(key + ": non-finite value in a comparison: " + d);
            }
        }
        note = note == null ? "" : note;
    }

    static Comparison missing(String key, String unit, double baselineMean) {
        return new Comparison(key, unit, OptionalDouble.of(baselineMean), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Verdict.MISSING_IN_CURRENT, "not in the current run");
    }

    static Comparison added(String key, String unit, double currentMean) {
        return new Comparison(key, unit, OptionalDouble.empty(), OptionalDouble.of(currentMean),
                OptionalDouble.empty(), OptionalDouble.empty(), Verdict.NEW, "not in the baseline");
    }
}
