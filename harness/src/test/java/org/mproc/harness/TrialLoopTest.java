package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trial rules both runners follow (G-HAR-5, G-HAR-7): at least two trials, a stop at the first
 * failing one, required rows never seen, and a line while a long trial is still running.
 */
@Tag("G-HAR-5")
@Timeout(60)
class TrialLoopTest {
    private static final OutcomeTable TABLE = OutcomeTable.builder()
            .exact("heads", Grade.REQUIRED, "one side")
            .exact("tails", Grade.ACCEPTABLE, "the other side")
            .build();
    private static final Scenario SCENARIO = new FakeScenario(TABLE, trial -> Outcome.of("unused"));
    private static final RunSettings SETTINGS = new RunSettings(Profile.DEFAULT, Duration.ofNanos(1), 7L, Optional.empty());

    private static TrialLoop.Step saw(String key) {
        return new TrialLoop.Step(Optional.of(Outcome.of(key)), List.of());
    }

    @Test
    void twoTrialsRunWhateverTheBudgetAndARequiredRowNeverSeenFails() {
        TrialLoop.Tally tally = TrialLoop.run(SCENARIO, SETTINGS, "coin", line -> { }, index -> saw("tails"));
        assertEquals(2, tally.trials());
        assertEquals(2L, tally.samples().get("tails"));
        assertEquals(ScenarioFailure.Kind.REQUIRED_MISSING, tally.failures().get(0).kind());
        assertTrue(tally.failures().get(0).message().contains("never observed in 2 trials"), tally.failures().toString());
    }

    @Test
    void theRunStopsAtTheFirstTrialThatFails() {
        RunSettings long_ = new RunSettings(Profile.DEFAULT, Duration.ofSeconds(30), 7L, Optional.empty());
        TrialLoop.Tally tally = TrialLoop.run(SCENARIO, long_, "coin", line -> { }, index -> index < 3 ? saw("heads")
                : new TrialLoop.Step(Optional.empty(), List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, index, "crashed"))));
        assertEquals(4, tally.trials());
        assertEquals(List.of("crashed"), tally.failures().stream().map(ScenarioFailure::message).toList());
        assertEquals(3L, tally.samples().get("heads"));
    }

    @Test
    void aTrialThatRunsLongIsSaidToBeStillRunning() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        TrialLoop.Tally tally = TrialLoop.run(SCENARIO, SETTINGS, "slow coin", line -> {
            lines.add(line);
            if (line.contains("still running")) {
                told.countDown();
            }
        }, index -> {
            if (index == 0) {
                assertTrue(told.await(30, TimeUnit.SECONDS), "no still-running line within 30 s: " + lines);
            }
            return saw("heads");
        });
        assertEquals(2, tally.trials());
        String line = lines.stream().filter(l -> l.contains("still running")).findFirst().orElseThrow();
        assertTrue(line.startsWith("  … slow coin: trial 0 still running after "), line);
    }
}
