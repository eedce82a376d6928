package org.mproc.harness;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a shrink may spend (G-HAR-6): tries per candidate shape, candidates in all, and a time
 * cap of its own, outside the run's budget. A try that is running when the cap passes finishes
 * (it is bounded by the trial timeout), so a shrink ends within the cap plus one trial.
 *
 * <pre>{@code
 * new ScenarioRunner(System.out::println, new ShrinkLimits(3, 50, Duration.ofSeconds(60)));
 * }</pre>
 *
 * @param triesPerCandidate how many times a smaller shape is tried before it counts as not failing, at least 1
 * @param maxCandidates     how many smaller shapes a shrink tries in all, at least 1
 * @param timeCap           how long a shrink may run; zero turns shrinking off
 */
public record ShrinkLimits(int triesPerCandidate, int maxCandidates, Duration timeCap) {
    /** Three tries per candidate, fifty candidates, sixty seconds. */
    public static final ShrinkLimits DEFAULT = new ShrinkLimits(3, 50, Duration.ofSeconds(60));

    /** Checks the bounds, naming the one that is wrong. */
    public ShrinkLimits {
        Objects.requireNonNull(timeCap, "timeCap");
        if (triesPerCandidate < 1) {
            throw new IllegalArgumentException("tries per shrink candidate must be at least 1, got " + triesPerCandidate);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("shrink candidates must be at least 1, got " + maxCandidates);
        }
        if (timeCap.isNegative()) {
            throw new IllegalArgumentException("the shrink time cap must not be negative, got " + timeCap);
        }
    }

    /** These limits with another time cap ({@code --shrink-time}). */
    public ShrinkLimits withTimeCap(Duration cap) {
        return new ShrinkLimits(triesPerCandidate, maxCandidates, cap);
    }

    /** Whether shrinking is off: a time cap of zero. */
    public boolean off() {
        return timeCap.isZero();
    }
}
