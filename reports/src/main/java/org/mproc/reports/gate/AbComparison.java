package org.mproc.reports.gate;

import java.util.OptionalInt;

/**
 * One row of an A/B gate run. Changes are in time per operation, head over ref, minus one: +0.15
 * means head needs 15% more time per operation (a throughput that fell to 1/1.15 of the ref's);
 * −0.13 means head is 1.15 times as fast. {@code lower}/{@code upper} bound that change at
 * {@code confidence}; they are NaN only when the forks were too few for any interval.
 *
 * @param refMedian       median of the ref's fork scores, in {@code unit}
 * @param headMedian      median of head's fork scores
 * @param threshold       t: the change that counts, as a fraction
 * @param thresholdSource why t is what it is ("floor 10%", "2 × A/A spread 6.1%")
 * @param moreForks       for INCONCLUSIVE, about how many more forks per side would decide it;
 *                        empty when decided, or when no estimate can be made
 */
public record AbComparison(String key, String unit, int refForks, int headForks, double refMedian, double headMedian,
                           double change, double lower, double upper, double confidence,
                           double threshold, String thresholdSource, AbVerdict verdict, OptionalInt moreForks, String note) {

    public boolean hasInterval() {
        return !Double.isNaN(lower);
    }
}
