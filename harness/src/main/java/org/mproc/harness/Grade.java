package org.mproc.harness;

/**
 * How an outcome is judged (G-HAR-1), as in jcstress. A run fails on any {@link #FORBIDDEN} outcome
 * and on any outcome no row declares, and on a {@link #REQUIRED} row never observed within the budget.
 */
public enum Grade {
    /** Allowed; nothing to remark. */
    ACCEPTABLE,
    /** Allowed, and worth showing: a race the contract permits (a lost update, a reordering). */
    INTERESTING,
    /** Must be observed at least once within the budget, or the run fails. */
    REQUIRED,
    /** Must never be observed: seeing it once fails the run. */
    FORBIDDEN
}
