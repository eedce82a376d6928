package org.mproc.reports.gate;

/**
 * What the gate concluded about one benchmark key. Only {@link #REGRESSED} fails a gate run under
 * {@code --enforce}; a benchmark gone from the current run is reported, not failed, because a
 * renamed benchmark would otherwise block every change that renames it.
 */
public enum Verdict {
    /** Significantly (Welch p &lt; alpha) and materially (&gt; minEffect) worse. */
    REGRESSED,
    /** Significantly and materially better. */
    IMPROVED,
    /** Neither: not significant, too small a change, or not testable (see the note). */
    UNCHANGED,
    /** In the baseline, not in the current run. */
    MISSING_IN_CURRENT,
    /** In the current run, not in the baseline. */
    NEW
}
