package org.mproc.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The goals of the shapes users write, as the performance issue states them, each as a least
 * speed ratio (mproc's speed over the other's; a "≤ 0.5× CPython's time" goal is a speed ratio of at
 * least 2). A shape is {@code <area>.<shape>}: the benchmark class without {@code Benchmark} (or the
 * CPython twin's second name part) and the method. Shapes not named here are shown without a goal.
 * A latency goal may also be met against the floor — the raw socket round trip between two JVMs
 * measured in the same run ({@code SocketPingPongBenchmark}), since no round trip beats it: its
 * time at most {@code floorTimes} floors.
 */
final class ShapeGoals {
    /**
     * A goal: the least speed ratio that meets it, how the issue says it, and the most floors its
     * time may take to meet it regardless of the ratio (0: no such way).
     */
    record Goal(double minRatio, String text, double floorTimes) {
        Goal(double minRatio, String text) {
            this(minRatio, text, 0);
        }
    }

    /** A goal on two of mproc's own shapes: {@code faster} over {@code slower}, same parameters. */
    record Relative(String area, String faster, String slower, Goal goal) {}

    /**
     * A goal on parallel efficiency: {@code many} workers' rate over {@code workers} times
     * {@code one} worker's, mproc's against its CPython twins' (the ratio of the two efficiencies).
     */
    record Efficiency(String area, String one, String many, int workers, Goal goal) {}

    private static final Goal QUEUE = new Goal(1.5, "≥ 1.5× CPython");

    private static final Map<String, Goal> BY_SHAPE = Map.ofEntries(
            Map.entry("ShapesQueue.freshProducer1KiB", new Goal(1.0, "≥ 1× CPython's child → child")),
            Map.entry("ShapesPool.applyAsyncPipelined", new Goal(2.0, "≥ 2× CPython")),
            Map.entry("ShapesPool.applyRoundTrip", new Goal(1 / 0.33, "≤ 0.33× CPython's time or ≤ 1.5× floor", 1.5)),
            Map.entry("ShapesPool.wordCountRichResults", new Goal(1.0, "≥ 1× CPython")),
            Map.entry("ShapesManager.get", new Goal(2.0, "≤ 0.5× CPython's time or ≤ 1.5× floor", 1.5)),
            Map.entry("ShapesManager.set", new Goal(2.0, "≤ 0.5× CPython's time or ≤ 1.5× floor", 1.5)),
            Map.entry("ShapesManager.lockUnlock", new Goal(2.0, "≤ 0.5× CPython's time or ≤ 1.5× floor per round trip (2)",
                    3.0)),
            Map.entry("ShapesManager.lockedIncrementFrom4Workers",
                    new Goal(Double.POSITIVE_INFINITY, "≤ 2 round trips of the floor", 2.0)),
            Map.entry("StartShapes.steadyChild", new Goal(1.0, "≤ 1× CPython spawn")),
            Map.entry("StartShapes.firstChild", new Goal(1 / 1.5, "≤ 1.5× spawn's first")),
            Map.entry("StartShapes.poolFirstResult", new Goal(1.0, "≤ 1× CPython spawn")));

    static final List<Relative> RELATIVE = List.of(
            new Relative("ShapesQueue", "oneToTwo", "oneToOne", new Goal(1.6, "2 consumers ≥ 1.6× one")),
            new Relative("ShapesPool", "wordCountRichResults", "wordCountSequential",
                    new Goal(1.0, "Pool(2) faster than one thread")));

    static final List<Efficiency> EFFICIENCY = List.of(
            new Efficiency("ShapesPool", "primeCountingOneWorker", "primeCountingTwoWorkers", 2,
                    new Goal(1.0, "efficiency at 2 workers ≥ CPython's")));

    private ShapeGoals() {}

    /** The goal of {@code area.shape} beside its CPython twin, if the issue sets one. */
    static Optional<Goal> of(String area, String shape) {
        Goal goal = BY_SHAPE.get(area + "." + shape);
        if (goal == null && area.equals("ShapesQueue")) {
            goal = QUEUE; // every queue and pipeline shape
        }
        return Optional.ofNullable(goal);
    }
}
