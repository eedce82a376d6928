package org.mproc.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one scenario run is made: profile, time budget, seed, and the subject under test (a class
 * name; empty for the real implementation). The same settings replay the same inputs (G-HAR-3).
 *
 * @param subject a class with a public no-argument constructor implementing one of the subject
 *                interfaces, or empty
 */
public record RunSettings(Profile profile, Duration budget, long seed, Optional<String> subject) {
    public RunSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(subject, "subject");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive, got " + budget);
        }
    }

    /** The command that reruns {@code scenarioId} with these settings. */
    public String replayCommand(String scenarioId) {
        StringBuilder command = new StringBuilder("scripts/harness run ").append(scenarioId)
                .append(" --profile ").append(profile.label())
                .append(" --seed ").append(seed)
                .append(" --budget ").append(Durations.format(budget));
        subject.ifPresent(s -> command.append(" --subject ").append(s));
        return command.toString();
    }
}
