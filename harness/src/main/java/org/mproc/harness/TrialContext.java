package org.mproc.harness;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What one trial is given: the profile (which shape to run), its index, a random source derived
 * from the run's seed and the index (so a replay with the same seed draws the same inputs, G-HAR-3),
 * and the subject under test; and the values of the shape's dimensions, which a shrink or
 * {@code --shape} may make smaller than the profile's (G-HAR-6).
 *
 * <pre>{@code
 * int elements = trial.dimension("elements", trial.stress() ? 5_000 : 5);
 * }</pre>
 */
public final class TrialContext {
    private final Profile profile;
    private final long seed;
    private final int index;
    private final Object subject;
    private final SplittableRandom random;
    private final Dimensions dimensions;
    private final Shape given;
    private volatile Shape used = Shape.none(); // written by the trial thread, read by the runner after it
    private volatile String declarationError;

    /**
     * A trial of a scenario that declares no dimension: {@link #dimension} refuses every name.
     *
     * @param profile the shape and grades to run
     * @param seed    the run's seed
     * @param index   0 for the warm-up trial, then 1, 2, …
     * @param subject the implementation chosen on the command line, or {@code null} for the real one
     */
    public TrialContext(Profile profile, long seed, int index, Object subject) {
        this(profile, seed, index, subject, Dimensions.none(), Shape.none());
    }

    /**
     * @param profile    the shape and grades to run
     * @param seed       the run's seed
     * @param index      0 for the warm-up trial, then 1, 2, …
     * @param subject    the implementation chosen on the command line, or {@code null} for the real one
     * @param dimensions what the scenario declares ({@link Scenario#dimensions()})
     * @param shape      values that replace the profile's, from a shrink or {@code --shape}
     */
    public TrialContext(Profile profile, long seed, int index, Object subject, Dimensions dimensions, Shape shape) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.index = index;
        this.subject = subject;
        this.random = new SplittableRandom(mix(seed, index));
        this.dimensions = Objects.requireNonNull(dimensions, "dimensions");
        this.given = Objects.requireNonNull(shape, "shape");
    }

    public Profile profile() {
        return profile;
    }

    public boolean stress() {
        return profile == Profile.STRESS;
    }

    public long seed() {
        return seed;
    }

    public int index() {
        return index;
    }

    /**
     * The value of one dimension of this trial's shape (G-HAR-6): {@code value}, the one the profile
     * draws or fixes, unless a shrink or {@code --shape} gives another. Ask once per dimension per
     * trial, after drawing whatever the value depends on, so a shrunk replay draws the same inputs.
     *
     * @param name  a dimension the scenario declares
     * @param value the profile's value, the dimension's largest for this trial; at least its minimum
     * @return the value to run with
     * @throws IllegalArgumentException when the name is not declared or asked twice, or a value is
     *         below the minimum; the runner reports it as the scenario's error, not the subject's
     */
    public int dimension(String name, int value) {
        try {
            Dimension d = dimensions.get(name);
            if (used.get(name).isPresent()) {
                throw new IllegalArgumentException("dimension " + name + " is asked for twice in one trial");
            }
            if (value < d.min()) {
                throw new IllegalArgumentException("dimension " + name + ": the profile's value " + value
                        + " is below its minimum " + d.min() + " (min > max)");
            }
            OptionalInt replaced = given.get(name);
            int chosen = replaced.orElse(value);
            if (chosen < d.min()) {
                throw new IllegalArgumentException("dimension " + name + " = " + chosen + " is below its minimum " + d.min());
            }
            used = used.with(name, chosen);
            return chosen;
        } catch (IllegalArgumentException e) {
            if (declarationError == null) {
                declarationError = "scenario shape: " + e.getMessage();
            }
            throw e;
        }
    }

    /** The dimensions this trial asked for and the values it ran with, in the order asked. */
    public Shape shape() {
        return used;
    }

    /** The first misuse of {@link #dimension} in this trial, if any: a fault of the scenario, not the subject. */
    Optional<String> declarationError() {
        return Optional.ofNullable(declarationError);
    }

    /** This trial's random source: the same inputs for the same seed and index. */
    public SplittableRandom random() {
        return random;
    }

    /**
     * The implementation of {@code type} to exercise: the one chosen on the command line when it
     * implements {@code type}, else {@code real}'s.
     */
    public <T> T subject(Class<T> type, Supplier<? extends T> real) {
        return type.isInstance(subject) ? type.cast(subject) : real.get();
    }

    /** Whether a subject other than the real implementation is under test. */
    public boolean subjectReplaced(Class<?> type) {
        return type.isInstance(subject);
    }

    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
