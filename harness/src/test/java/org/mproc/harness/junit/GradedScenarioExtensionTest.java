package org.mproc.harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.mproc.harness.Profile;
import org.mproc.harness.TrialContext;
import org.opentest4j.AssertionFailedError;

/**
 * Graded scenarios as JUnit tests (G-HAR-8), run through the JUnit Platform launcher as Surefire
 * runs them: one test per scenario, its table published, failures with the verdict and a Maven
 * replay line, and every mistake in a table or a trial caught and named.
 */
@Tag("G-HAR-8")
class GradedScenarioExtensionTest {
    private static final Map<String, String> QUICK = Map.of("mproc.budget", "300ms", "mproc.seed", "7");

    @BeforeEach
    void reset() {
        Fixtures.reset();
    }

    @AfterEach
    void reapWhatTheFixturesLeft() throws Exception {
        ProcessHandle leaked = Fixtures.LEAKED_PROCESS.getAndSet(null);
        if (leaked != null) {
            leaked.destroyForcibly();
            leaked.onExit().get();
        }
        Fixtures.closeLeakedFile();
    }

    @Test
    @Tag("G-HAR-1")
    void aScenarioIsOneTestThatPassesAndPrintsItsTable() {
        JUnitRun run = JUnitRun.of(Fixtures.Coin.class, QUICK);
        assertEquals(1, run.tests.size(), run.tests.toString());
        assertEquals("passes its outcome table", run.tests.get(0).getDisplayName());
        assertEquals(Status.SUCCESSFUL, run.only().getStatus(), () -> run.only().getThrowable().toString());
        String table = run.table();
        assertTrue(table.startsWith("[PASS] coin  a fair coin lands on a side  (Coin)"), table);
        assertTrue(table.matches("(?s).*\n  heads +\\d+ .*REQUIRED +one side\n.*"), table);
        assertTrue(table.matches("(?s).*\n  tails +\\d+ .*ACCEPTABLE +the other side.*"), table);
        assertFalse(table.contains("replay:"), table);
    }

    @Test
    @Tag("G-HAR-1")
    @Tag("G-HAR-3")
    void aForbiddenOutcomeFailsWithTheTableAndAMavenReplayLine() {
        JUnitRun run = JUnitRun.of(Fixtures.EdgeCoin.class, Map.of("mproc.budget", "30s", "mproc.seed", "7"));
        assertInstanceOf(AssertionFailedError.class, run.only().getThrowable().orElseThrow());
        String message = run.failure();
        String replay = "mvn verify -Dtest='Fixtures$EdgeCoin' -Dmproc.profile=default -Dmproc.seed=7 -Dmproc.budget=30s";
        assertTrue(message.startsWith("scenario edge failed (default, seed 7, 3 trials): forbidden outcome: edge"
                + " (a coin does not stand) — replay: " + replay + "\n"), message);
        assertTrue(message.matches("(?s).*\n  edge +1 .*FORBIDDEN +a coin does not stand  ◀ fails the run\n.*"), message);
        assertTrue(message.contains("\n  replay: " + replay + "\n"), message);
        assertTrue(message.endsWith("\n  not shrunk: scenario edge declares no shape dimensions"), message);
        assertTrue(run.table().contains("[FAIL] edge"), run.table());
    }

    @Test
    @Tag("G-HAR-6")
    @Tag("G-HAR-8")
    void aFailingTrialsShapeShrinksAndItsMavenReplayCarriesTheShape() {
        JUnitRun run = JUnitRun.of(Fixtures.TallPile.class, Map.of("mproc.budget", "5s", "mproc.seed", "3"));
        String message = run.failure();
        assertTrue(message.contains("\n  shrunk: coins 40 → 3 (main dimension: coins)"), message);
        String shrunk = "mvn verify -Dtest='Fixtures$TallPile' -Dmproc.profile=default -Dmproc.seed=3 -Dmproc.budget=5s"
                + " -Dmproc.shape=coins=3";
        assertTrue(message.contains("\n  replay shrunk: " + shrunk), message);
        JUnitRun replayed = JUnitRun.of(Fixtures.TallPile.class,
                Map.of("mproc.budget", "5s", "mproc.seed", "3", "mproc.shape", "coins=3"));
        assertTrue(replayed.table().contains("  toppled "), replayed.table());
        JUnitRun tooSmall = JUnitRun.of(Fixtures.TallPile.class,
                Map.of("mproc.budget", "5s", "mproc.seed", "3", "mproc.shape", "coins=0"));
        String refused = tooSmall.only().getThrowable().orElseThrow().getMessage();
        assertTrue(refused.contains("coins = 0 is below its minimum 1"), refused);
    }

    @Test
    @Tag("G-HAR-1")
    void anUndeclaredOutcomeIsShownAndFails() {
        String message = JUnitRun.of(Fixtures.LostCoin.class, QUICK).failure();
        assertTrue(message.contains("undeclared outcome: lost in the sofa"), message);
        assertTrue(message.matches("(?s).*\n  lost in the sofa +1 .*UNDECLARED +no row of the table declares this outcome.*"), message);
    }

    @Test
    void overlappingRowsAreRefusedNamingBothBeforeAnyTrial() {
        JUnitRun run = JUnitRun.of(Fixtures.ExactInsidePattern.class, QUICK);
        assertInstanceOf(IllegalStateException.class, run.only().getThrowable().orElseThrow());
        assertEquals(Fixtures.ExactInsidePattern.class.getName() + ": overlapping outcome rows: key 'lost 3' is matched by both"
                + " lost 3 (ACCEPTABLE, \"three lost\") and /lost \\d+/ (FORBIDDEN, \"some lost\");"
                + " each key must match one row at most, so drop one or narrow the pattern", run.failure());
        assertEquals(0, Fixtures.TRIALS.get());
    }

    @Test
    void aKeyMatchedByTwoPatternsFailsNamingBothRows() {
        String message = JUnitRun.of(Fixtures.PatternsSharingAKey.class, QUICK).failure();
        assertTrue(message.startsWith("overlapping outcome rows: outcome 'lost 3' is matched by both /lost \\d+/"
                + " (FORBIDDEN, \"a number lost\") and /lost .*/ (INTERESTING, \"anything lost\")"), message);
    }

    @Test
    void aRowWithBothKeyAndPatternOrAClassWithoutGradedScenarioIsRefusedBeforeAnyTrial() {
        assertTrue(JUnitRun.of(Fixtures.RowWithKeyAndPattern.class, QUICK).failure()
                .endsWith("RowWithKeyAndPattern: the row \"ambiguous row\" must give either key or regex, not both"));
        assertTrue(JUnitRun.of(Fixtures.NotAnnotated.class, QUICK).failure()
                .endsWith("NotAnnotated implements GradedScenarioTest but has no @GradedScenario(id = …, title = …)"));
        assertEquals(0, Fixtures.TRIALS.get());
    }

    @Test
    @Tag("G-HAR-2")
    void aProcessATrialLeftRunningIsCaughtNamedAndEnded() throws Exception {
        String message = JUnitRun.of(Fixtures.LeakingProcess.class, Map.of("mproc.budget", "30s", "mproc.seed", "7")).failure();
        ProcessHandle leaked = Fixtures.LEAKED_PROCESS.get();
        assertTrue(message.contains("failure (trial 1): leak — 1 process(es) still alive: pid [" + leaked.pid() + "]"), message);
        leaked.onExit().get();
        assertFalse(leaked.isAlive());
    }

    @Test
    @Tag("G-HAR-2")
    void aFileATrialLeftOpenInMprocsDirectoryIsCaughtAndNamed() {
        String message = JUnitRun.of(Fixtures.LeakingFile.class, Map.of("mproc.budget", "30s", "mproc.seed", "7")).failure();
        String name = Fixtures.leakedFilePath().getFileName().toString();
        assertTrue(Files.exists(Fixtures.leakedFilePath()));
        assertTrue(message.contains("failure (trial 1): leak — "), message);
        assertTrue(message.contains("1 more file descriptor(s) open than after the warm-up"), message);
        assertTrue(message.contains("left in mproc's directory: [" + name + "]"), message);
    }

    @Test
    @Tag("G-HAR-3")
    @Tag("G-HAR-5")
    void theBudgetProfileAndSeedSettingsAreHonoured() {
        JUnitRun run = JUnitRun.of(Fixtures.Coin.class,
                Map.of("mproc.budget", "400ms", "mproc.profile", "stress", "mproc.seed", "1234"));
        assertEquals(Status.SUCCESSFUL, run.only().getStatus(), () -> run.only().getThrowable().toString());
        assertTrue(Fixtures.CONTEXTS.size() >= 2, "trials: " + Fixtures.CONTEXTS.size());
        for (TrialContext trial : Fixtures.CONTEXTS) {
            assertEquals(Profile.STRESS, trial.profile());
            assertEquals(1234L, trial.seed());
        }
        String header = run.table().lines().skip(1).findFirst().orElseThrow();
        assertTrue(header.contains("profile stress · seed 1234 · " + Fixtures.CONTEXTS.size() + " trials · budget 0.4 s"), header);
    }

    @Test
    @Tag("G-HAR-5")
    void withoutSettingsTheBudgetIsTwoSecondsTheProfileDefaultAndTheSeedFreshAndShown() {
        ScenarioSettings none = ScenarioSettings.from(key -> java.util.Optional.of(" "));
        assertEquals(Duration.ofSeconds(2), none.budget());
        assertEquals(Profile.DEFAULT, none.profile());
        assertTrue(none.seed() > 0);
        assertTrue(none.replay(Fixtures.Coin.class).contains("-Dmproc.seed=" + none.seed() + " "));
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        JUnitRun run = JUnitRun.of(Fixtures.Coin.class, Map.of("mproc.seed", "forty-two"));
        assertEquals("mproc.seed must be a whole number, as a replay line prints it; got 'forty-two'", run.failure());
        assertEquals(0, Fixtures.TRIALS.get());
    }
}
