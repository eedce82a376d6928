package org.mproc.testkit;

import java.time.Duration;

/**
 * Every wait in the tests, named and scaled by one factor ({@code -Dmproc.timeFactor}, default 1),
 * like JSR166TestCase's delays. Bounds are generous: they catch hangs, not slowness.
 */
public final class Delays {
    public static final double FACTOR = Double.parseDouble(System.getProperty("mproc.timeFactor", "1"));

    /** Something that should be near-instant (a frame, a flag). */
    public static final Duration SHORT = scaled(Duration.ofSeconds(2));
    /** A child JVM starting, running a small task and exiting. */
    public static final Duration CHILD = scaled(Duration.ofSeconds(20));
    /** A whole multi-process test step. */
    public static final Duration LONG = scaled(Duration.ofSeconds(60));

    private Delays() {}

    public static Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * FACTOR));
    }
}
