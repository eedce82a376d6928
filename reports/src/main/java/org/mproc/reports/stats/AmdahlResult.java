package org.mproc.reports.stats;

import java.util.OptionalDouble;

/**
 * An Amdahl's-law fit: the serial fraction f of S(k) = 1 / (f + (1 − f) / k) with its interval,
 * R² on the speedup scale when there are three points or more, and a note for the reader
 * ("two points: no goodness of fit", clamping, or why there is no fit). Every number is finite.
 *
 * <pre>{@code
 * AmdahlResult fit = AmdahlFit.fit(curve);
 * if (fit.fitted()) {
 *     fit.serialFraction().estimate();   // e.g. 0.05
 *     fit.speedupAt(64);                 // the fitted curve, for the chart: 15.4
 * }
 * fit.note();                            // always something to print beside the number
 * }</pre>
 *
 * @param serialFraction f with its interval, within [0, 1]; when {@link #fitted()} is false it is
 *                       the whole range [0, 1] at confidence 0 (estimate 0.5): "unknown"
 * @param rSquared       1 − SSres/SStot of the fitted speedups; may be negative (a fit worse than
 *                       the mean); empty with fewer than three points
 * @param note           what the reader must know, never empty
 * @param fitted         false when the points cannot determine f (fewer than two, none above one core)
 */
public record AmdahlResult(Interval serialFraction, OptionalDouble rSquared, String note, boolean fitted) {

    /** The note printed when a fit rests on two points. */
    public static final String TWO_POINTS = "two points: no goodness of fit";

    public AmdahlResult {
        if (serialFraction.lower() < 0 || serialFraction.upper() > 1) {
            throw new IllegalArgumentException("serial fraction outside [0, 1]: " + serialFraction);
        }
        if (rSquared.isPresent() && !Double.isFinite(rSquared.getAsDouble())) {
            throw new IllegalArgumentException("R² must be finite: " + rSquared);
        }
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("an Amdahl result always carries a note");
        }
    }

    /** No fit: the whole range, with the reason. */
    static AmdahlResult unfitted(String reason) {
        return new AmdahlResult(new Interval(0.5, 0, 1, 0), OptionalDouble.empty(), reason, false);
    }

    /** The fitted law's speedup at {@code cores}: 1 / (f + (1 − f) / k). */
    public double speedupAt(double cores) {
        return speedup(serialFraction.estimate(), cores);
    }

    static double speedup(double f, double cores) {
        return 1 / (f + (1 - f) / cores);
    }
}
