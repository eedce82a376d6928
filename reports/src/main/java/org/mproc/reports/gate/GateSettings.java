package org.mproc.reports.gate;

/**
 * The gate's two thresholds: a regression needs Welch's p below {@code alpha} AND a worsening
 * larger than {@code minEffect} (a fraction: 0.10 = 10%). Defaults: {@link #DEFAULTS} = p &lt; 0.01,
 * more than 10% worse.
 *
 * <pre>{@code
 * GateReport report = Gate.compare(baseline, current, GateSettings.DEFAULTS);
 * GateReport strict = Gate.compare(baseline, current, new GateSettings(0.05, 0.05));
 * }</pre>
 */
public record GateSettings(double alpha, double minEffect) {
    public static final GateSettings DEFAULTS = new GateSettings(0.01, 0.10);

    public GateSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (!(minEffect >= 0 && Double.isFinite(minEffect))) {
            throw new IllegalArgumentException("minimum effect must be a finite fraction >= 0: " + minEffect);
        }
    }
}
