package org.mproc.reports.gate;

/**
 * What an A/B comparison concluded about one benchmark, from the interval of head's time per
 * operation over the ref's and the benchmark's threshold t. Only {@link #REGRESSED} fails a gate
 * run under {@code --enforce}.
 */
public enum AbVerdict {
    /** The whole interval is above +t: head takes more than (1 + t) times as long per operation. */
    REGRESSED,
    /** The whole interval is below 1 / (1 + t) − 1: head is more than (1 + t) times as fast. */
    IMPROVED,
    /** The whole interval lies within the threshold band on both sides. */
    UNCHANGED,
    /** The interval reaches across a threshold (or the forks were too few for one): not decided. */
    INCONCLUSIVE
}
