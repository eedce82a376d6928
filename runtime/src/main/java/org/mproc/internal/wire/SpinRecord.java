package org.mproc.internal.wire;

/**
 * Whether a reader's waits of one kind have been worth spinning for: after k spins in a row that
 * ended without an answer, the next 2^k - 1 waits of that kind sleep at once (k at most 6), and
 * one answered within its spin starts over. A reader keeps one record for waits whose answer
 * should come at once and one for waits that may block (a lock request), so that a contended lock
 * does not stop the spinning for the quick calls around it. Used by the reader thread only.
 */
final class SpinRecord {
    private static final int MAX_SHIFT = 6;

    private int vainSpins;
    private int sleepsLeft;

    /** Whether this wait should spin, as far as this record goes; counts a wait that sleeps at once. */
    boolean spinNow() {
        if (sleepsLeft > 0) {
            sleepsLeft--;
            return false;
        }
        return true;
    }

    void answered() {
        vainSpins = 0;
    }

    void spunInVain() {
        vainSpins = Math.min(vainSpins + 1, MAX_SHIFT);
        sleepsLeft = (1 << vainSpins) - 1;
    }
}
