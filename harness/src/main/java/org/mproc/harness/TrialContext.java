package org.mproc.harness;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What one trial is given: the profile (which shape to run), its index, a random source derived
 * from the run's seed and the index (so a replay with the same seed draws the same inputs, G-HAR-3),
 * and the subject under test.
 */
public final class TrialContext {
    private final Profile profile;
    private final long seed;
    private final int index;
    private final Object subject;
    private final SplittableRandom random;

    /**
     * @param seed    the run's seed
     * @param index   0 for the warm-up trial, then 1, 2, …
     * @param subject the implementation chosen on the command line, or {@code null} for the real one
     */
    public TrialContext(Profile profile, long seed, int index, Object subject) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.index = index;
        this.subject = subject;
        this.random = new SplittableRandom(mix(seed, index));
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
