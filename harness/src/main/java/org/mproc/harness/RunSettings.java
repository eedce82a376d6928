package org.mproc.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one scenario run is made: profile, time budget, seed, the subject under test (a class
 * name; empty for the real implementation) and the shape's dimensions given on the command line.
 * The same settings replay the same inputs (G-HAR-3), and a shrunk failure's settings its shape (G-HAR-6).
 *
 * @param profile the shapes and grades to run
 * @param budget  the time per scenario, positive
 * @param seed    the seed every trial's inputs are drawn from
 * @param subject a class with a public no-argument constructor implementing one of the subject
 *                interfaces, or empty
 * @param shape   values that replace the profile's for the scenario's dimensions; none by default
 */
public record RunSettings(Profile profile, Duration budget, long seed, Optional<String> subject, Shape shape) {
    /** Checks every part is given and the budget is positive. */
    public RunSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(shape, "shape");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive, got " + budget);
        }
    }

    /**
     * Settings with the profile's own shape.
     *
     * @param profile the shapes and grades to run
     * @param budget  the time per scenario, positive
     * @param seed    the seed every trial's inputs are drawn from
     * @param subject a subject class name, or empty for the real implementation
     */
    public RunSettings(Profile profile, Duration budget, long seed, Optional<String> subject) {
        this(profile, budget, seed, subject, Shape.none());
    }

    /** These settings with {@code subject} (a class name, or empty) instead of this one's. */
    public RunSettings withSubject(Optional<String> subject) {
        return new RunSettings(profile, budget, seed, subject, shape);
    }

    /** These settings with {@code shape} instead of this one's. */
    public RunSettings withShape(Shape shape) {
        return new RunSettings(profile, budget, seed, subject, shape);
    }

    /** The command that reruns {@code scenarioId} with these settings, the shape included when there is one. */
    public String replayCommand(String scenarioId) {
        StringBuilder command = new StringBuilder("scripts/harness run ").append(scenarioId)
                .append(" --profile ").append(profile.label())
                .append(" --seed ").append(seed)
                .append(" --budget ").append(Durations.format(budget));
        subject.ifPresent(s -> command.append(" --subject ").append(s));
        if (!shape.isEmpty()) {
            command.append(" --shape ").append(shape);
        }
        return command.toString();
    }
}
