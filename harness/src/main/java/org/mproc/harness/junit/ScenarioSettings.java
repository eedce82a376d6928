package org.mproc.harness.junit;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.mproc.harness.Durations;
import org.mproc.harness.Profile;
import org.mproc.harness.RunSettings;
import org.mproc.harness.Shape;

/**
 * A JUnit run's settings, read from configuration parameters (which fall back to system
 * properties), and the Maven command that replays a run with them (G-HAR-3, G-HAR-8).
 */
record ScenarioSettings(Profile profile, Duration budget, long seed, Shape shape) {
    static final String BUDGET = "mproc.budget";
    static final String PROFILE = "mproc.profile";
    static final String SEED = "mproc.seed";
    static final String SHAPE = "mproc.shape";
    /** Small, as in {@code mvn verify}; a stress run passes a larger one. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

    /** Blank values count as absent: a Maven property left empty in a pom arrives as "". */
    static ScenarioSettings from(Function<String, Optional<String>> parameters) {
        Optional<String> budget = value(parameters, BUDGET);
        Optional<String> profile = value(parameters, PROFILE);
        Optional<String> seed = value(parameters, SEED);
        Optional<String> shape = value(parameters, SHAPE);
        return new ScenarioSettings(
                profile.map(Profile::parse).orElse(Profile.DEFAULT),
                budget.map(ScenarioSettings::budget).orElse(DEFAULT_BUDGET),
                seed.map(ScenarioSettings::seed).orElseGet(() -> new SplittableRandom().nextLong(1, Integer.MAX_VALUE)),
                shape.map(ScenarioSettings::shape).orElse(Shape.none()));
    }

    RunSettings run() {
        return new RunSettings(profile, budget, seed, Optional.empty()).withShape(shape);
    }

    /** These settings with the shape a shrink found, for its replay command. */
    ScenarioSettings withShape(Shape shrunk) {
        return new ScenarioSettings(profile, budget, seed, shrunk);
    }

    /** What a user pastes to rerun this test with these settings: same profile, seed and budget. */
    String replay(Class<?> testClass) {
        String name = testClass.getName().substring(testClass.getPackageName().isEmpty() ? 0 : testClass.getPackageName().length() + 1);
        String test = name.indexOf('$') >= 0 ? "'" + name + "'" : name;
        String command = "mvn verify -Dtest=" + test + " -D" + PROFILE + "=" + profile.label() + " -D" + SEED + "=" + seed
                + " -D" + BUDGET + "=" + Durations.format(budget);
        return shape.values().isEmpty() ? command : command + " -D" + SHAPE + "=" + shape;
    }

    private static Shape shape(String text) {
        try {
            return Shape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SHAPE + " must read like elements=40,processes=2; " + e.getMessage(), e);
        }
    }

    private static Optional<String> value(Function<String, Optional<String>> parameters, String key) {
        return parameters.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Duration budget(String text) {
        Duration d = Durations.parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(BUDGET + " must be a positive duration, got '" + text + "'");
        }
        return d;
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + " must be a whole number, as a replay line prints it; got '" + text + "'");
        }
    }
}
