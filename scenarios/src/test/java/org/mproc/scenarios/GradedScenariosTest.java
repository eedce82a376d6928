package org.mproc.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mproc.harness.ConsoleTable;
import org.mproc.harness.Durations;
import org.mproc.harness.Profile;
import org.mproc.harness.RunSettings;
import org.mproc.harness.Scenario;
import org.mproc.harness.ScenarioResult;
import org.mproc.harness.ScenarioRunner;
import org.mproc.scenarios.cli.ScenarioCatalog;

/**
 * The real implementation passes every registered scenario in both profiles within the budget
 * ({@code -Dmproc.budget}, small in verify, large under {@code -Pstress}): no forbidden or
 * undeclared outcome, every required one seen, nothing leaked. This is also the control for the
 * broken kit: the stress shapes that must catch a broken subject must not fail the real one.
 */
class GradedScenariosTest {
    private static final Duration BUDGET = Durations.parse(System.getProperty("mproc.budget", "2s"));

    static Stream<Arguments> scenariosAndProfiles() {
        return ScenarioCatalog.all().stream()
                .flatMap(s -> Stream.of(Profile.DEFAULT, Profile.STRESS).map(p -> Arguments.of(s.id(), p)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("scenariosAndProfiles")
    @Tag("G-HAR-1")
    @Tag("G-HAR-2")
    @Tag("G-HAR-5")
    void theRealImplementationPasses(String id, Profile profile) {
        Scenario scenario = ScenarioCatalog.select(java.util.List.of(id)).get(0);
        ScenarioResult r = new ScenarioRunner(line -> {}).run(scenario,
                new RunSettings(profile, BUDGET, 20261130L, Optional.empty()));
        assertTrue(r.passed(), () -> String.join("\n", ConsoleTable.lines(r)));
        assertTrue(r.trials() >= 2, "trials: " + r.trials());
    }
}
