package org.mproc.reports.bench;

import java.io.Serializable;
import java.util.List;

/**
 * How many elements one side of a queue shape saw, and the sum of their ids: the check that makes a
 * shape that loses or duplicates elements fail instead of reporting a rate. Ids are 0 .. n-1, each
 * sent once, so a run is good only if every side counts n and sums n(n-1)/2.
 */
record Tally(long count, long idSum) implements Serializable {
    /** What every side of a run of {@code n} elements must see. */
    static Tally expected(int n) {
        return new Tally(n, (long) n * (n - 1) / 2);
    }

    static Tally sum(List<Tally> parts) {
        long count = 0;
        long idSum = 0;
        for (Tally t : parts) {
            count += t.count;
            idSum += t.idSum;
        }
        return new Tally(count, idSum);
    }

    /** Throws unless this tally is {@code expected}; {@code side} names who counted, for the message. */
    void require(Tally expected, String side) {
        if (!equals(expected)) {
            throw new IllegalStateException(side + " saw " + count + " elements with id sum " + idSum
                    + ", expected " + expected.count + " with id sum " + expected.idSum
                    + ": the queue lost or duplicated elements");
        }
    }
}
