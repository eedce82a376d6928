package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dimensions of a scenario's shape that shrink after a failure (G-HAR-6), declared once by the
 * scenario: exactly one main dimension, then the others, every name once. A scenario that declares
 * none ({@link #none()}) is never shrunk, and a failing run says so.
 *
 * <pre>{@code
 * static final Dimensions SHAPE = Dimensions.main("elements", 1).and("producers", 1).and("payload", 0);
 *
 * public Dimensions dimensions() { return SHAPE; }
 *
 * public Outcome runOnce(TrialContext trial) {
 *     int elements = trial.dimension("elements", 5_000);   // 5,000 unless a shrink or --shape says less
 *     …
 * }
 * }</pre>
 */
public final class Dimensions {
    private static final Dimensions NONE = new Dimensions(List.of());

    private final List<Dimension> all;

    private Dimensions(List<Dimension> all) {
        this.all = List.copyOf(all);
    }

    /** No dimension: the scenario's shape does not shrink. */
    public static Dimensions none() {
        return NONE;
    }

    /**
     * A declaration whose main dimension is {@code name}, shrunk first.
     *
     * @param min the smallest meaningful value, at least 0
     */
    public static Dimensions main(String name, int min) {
        return new Dimensions(List.of(new Dimension(name, min, true)));
    }

    /**
     * This declaration with one more dimension, shrunk after those before it.
     *
     * @throws IllegalArgumentException when the name is declared already, or there is no main dimension yet
     */
    public Dimensions and(String name, int min) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("declare the main dimension first: Dimensions.main(name, min)");
        }
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("dimension " + name + " is declared twice");
        }
        List<Dimension> more = new ArrayList<>(all);
        more.add(new Dimension(name, min, false));
        return new Dimensions(more);
    }

    /** Every dimension, the main one first, then in the order declared: the order they are shrunk in. */
    public List<Dimension> all() {
        return all;
    }

    /** Whether the scenario declared no dimension. */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The main dimension, empty when none is declared. */
    public Optional<Dimension> main() {
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The dimension called {@code name}, if declared. */
    public Optional<Dimension> find(String name) {
        return all.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * The dimension called {@code name}.
     *
     * @throws IllegalArgumentException naming it and the declared ones, when it is not declared
     */
    public Dimension get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown dimension '" + name + "'; "
                + (all.isEmpty() ? "this scenario declares none" : "declared: " + describe())));
    }

    /**
     * Checks a shape given on the command line or by a shrink: every name declared, no value below
     * its dimension's minimum.
     *
     * @throws IllegalArgumentException naming the first dimension that is unknown or too small
     */
    public void check(Shape shape) {
        for (Map.Entry<String, Integer> e : shape.values().entrySet()) {
            Dimension d = get(e.getKey());
            if (e.getValue() < d.min()) {
                throw new IllegalArgumentException("dimension " + d.name() + " = " + e.getValue()
                        + " is below its minimum " + d.min());
            }
        }
    }

    /** The declaration as text: {@code elements (main, min 1), producers (min 1)}, or {@code none}. */
    public String describe() {
        return all.isEmpty() ? "none" : all.stream().map(Dimension::describe).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
