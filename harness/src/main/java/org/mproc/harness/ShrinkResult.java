package org.mproc.harness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a failing trial's shape was shrunk (G-HAR-6): the shape the trial ran with, the smallest
 * shape found that still failed the same way, the main dimension, what it cost, why each dimension
 * stopped where it did, and the command that replays the shrunk trial. When nothing was tried, the
 * shapes are those of the failing trial (possibly none) and {@link #notes} says why.
 *
 * <pre>{@code
 * result.shrink().ifPresent(s -> System.out.println(s.original() + " -> " + s.shrunk() + ": " + s.replay().orElse("")));
 * }</pre>
 *
 * @param original      the failing trial's shape
 * @param shrunk        the smallest shape that failed again; equal to {@code original} when none smaller did
 * @param mainDimension the scenario's main dimension, when it declares one
 * @param tries         how many trials the shrink ran
 * @param took          how long the shrink took (outside the run's budget)
 * @param notes         why each dimension stopped where it did, or why there was no shrink
 * @param replay        the command that replays the shrunk trial, with {@code --shape}; empty when nothing was tried
 */
public record ShrinkResult(Shape original, Shape shrunk, Optional<String> mainDimension, int tries, Duration took,
                           List<String> notes, Optional<String> replay) {
    /** Checks every part is given and copies the notes. */
    public ShrinkResult {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(shrunk, "shrunk");
        Objects.requireNonNull(mainDimension, "mainDimension");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(replay, "replay");
        notes = List.copyOf(notes);
    }

    /** A failure that was not shrunk, and why. */
    static ShrinkResult notShrunk(Shape shape, Optional<String> mainDimension, String why) {
        return new ShrinkResult(shape, shape, mainDimension, 0, Duration.ZERO, List.of(why), Optional.empty());
    }

    /** Whether shrinking was tried at all. */
    public boolean attempted() {
        return replay.isPresent();
    }

    /** Whether a smaller failing shape was found. */
    public boolean reduced() {
        return !shrunk.equals(original);
    }

    /** Shrunk over original in the main dimension (0.25 is a quarter), when both have it and the original is above 0. */
    public OptionalDouble mainRatio() {
        if (mainDimension.isEmpty()) {
            return OptionalDouble.empty();
        }
        String main = mainDimension.get();
        if (original.get(main).isEmpty() || shrunk.get(main).isEmpty() || original.get(main).getAsInt() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) shrunk.get(main).getAsInt() / original.get(main).getAsInt());
    }

    /** {@code items 200 → 4, processes 3 → 2}: every dimension of the original with its shrunk value. */
    public String describeChange() {
        StringBuilder text = new StringBuilder();
        original.values().forEach((name, from) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            int to = shrunk.get(name).orElse(from);
            text.append(name).append(' ').append(from);
            if (to != from) {
                text.append(" → ").append(to);
            }
        });
        return text.toString();
    }
}
