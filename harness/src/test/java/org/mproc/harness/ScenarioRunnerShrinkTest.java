package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's shrink of a failing trial, on scenarios without child JVMs (G-HAR-6). */
class ScenarioRunnerShrinkTest {
    private static final OutcomeTable TABLE = OutcomeTable.builder()
            .exact("ok", Grade.ACCEPTABLE, "fine")
            .exact("bad", Grade.FORBIDDEN, "the bug")
            .exact("other bad", Grade.FORBIDDEN, "another bug")
            .regex("hang: .*", Grade.FORBIDDEN, "no outcome in time")
            .exact("rare", Grade.INTERESTING, "seldom").underStress(Grade.REQUIRED)
            .build();
    private static final Dimensions SHAPE = Dimensions.main("elements", 1).and("processes", 1);

    private final List<String> progress = new ArrayList<>();

    @TempDir
    Path dir;

    private ScenarioResult run(Scenario scenario, RunSettings settings) {
        return new ScenarioRunner(progress::add, new ShrinkLimits(3, 50, Duration.ofSeconds(30))).run(scenario, settings);
    }

    private static RunSettings settings(Profile profile) {
        return new RunSettings(profile, Duration.ofSeconds(30), 7L, Optional.empty());
    }

    /** Fails with "bad" when elements ≥ 37 and processes ≥ 2, from trial 2 on. */
    private static FakeScenario threshold() {
        return new FakeScenario(TABLE, t -> {
            int elements = t.dimension("elements", 100 + t.index());
            int processes = t.dimension("processes", 4);
            return Outcome.of(t.index() >= 2 && elements >= 37 && processes >= 2 ? "bad" : "ok");
        }).shaped(SHAPE);
    }

    @Test
    @Tag("G-HAR-6")
    @Tag("G-HAR-3")
    void aForbiddenTrialShrinksToTheThresholdAndPrintsAReplayThatFailsAgain() throws Exception {
        ScenarioResult r = run(threshold(), settings(Profile.DEFAULT));
        assertEquals(1, r.exitCode());
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertEquals(3, r.trials(), "shrink tries are not trials of the run");
        ShrinkResult s = r.shrink().orElseThrow();
        assertEquals(Shape.parse("elements=102,processes=4"), s.original(), "the failing trial's own shape");
        assertEquals(Shape.parse("elements=37,processes=2"), s.shrunk());
        assertEquals(Optional.of("elements"), s.mainDimension());
        String replay = "scripts/harness run fake --profile default --seed 7 --budget 30s --shape elements=37,processes=2";
        assertEquals(Optional.of(replay), s.replay());
        List<String> lines = ConsoleTable.lines(r);
        assertTrue(lines.contains("  replay shrunk: " + replay), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  shrunk: elements 102 → 37, processes 4 → 2 (main dimension: elements) in ")),
                String.join("\n", lines));
        assertTrue(lines.contains("    elements: 36 did not fail in 3 tries"), String.join("\n", lines));

        ScenarioResult replayed = run(threshold(), settings(Profile.DEFAULT).withShape(s.shrunk()));
        assertEquals(1, replayed.exitCode());
        assertEquals("forbidden outcome: bad (the bug)", replayed.failures().get(0).message());

        JsonNode json = new ObjectMapper().readTree(ResultJson.write(r, dir).toFile()).get("shrink");
        assertEquals(102, json.get("original").get("elements").asInt());
        assertEquals(37, json.get("shrunk").get("elements").asInt());
        assertEquals("elements", json.get("main").asText());
        assertEquals(replay, json.get("replay").asText());
        assertTrue(json.get("reduced").asBoolean());
    }

    @Test
    @Tag("G-HAR-6")
    void aSmallerShapeThatFailsAnotherWayIsNotKept() {
        FakeScenario scenario = new FakeScenario(TABLE, t -> {
            int elements = t.dimension("elements", 64);
            return Outcome.of(elements >= 20 ? "bad" : "other bad");
        }).shaped(SHAPE);
        ShrinkResult s = run(scenario, settings(Profile.DEFAULT)).shrink().orElseThrow();
        assertEquals(Shape.parse("elements=20"), s.shrunk());
    }

    @Test
    @Tag("G-HAR-6")
    void aHangWhateverItsSizeShrinksToTheMinimumInOneTryEach() {
        FakeScenario scenario = new FakeScenario(TABLE, t -> {
            t.dimension("elements", 500);
            t.dimension("processes", 3);
            new CountDownLatch(1).await();
            return Outcome.of("ok");
        }, Duration.ofMillis(200)).shaped(SHAPE);
        ShrinkResult s = run(scenario, settings(Profile.DEFAULT)).shrink().orElseThrow();
        assertEquals(Shape.parse("elements=1,processes=1"), s.shrunk());
        assertEquals(2, s.tries());
    }

    @Test
    @Tag("G-HAR-6")
    @Tag("G-HAR-2")
    void aTryThatLeaksAProcessEndsTheShrinkAndFailsAsALeak() {
        AtomicReference<ProcessHandle> leaked = new AtomicReference<>();
        FakeScenario scenario = new FakeScenario(TABLE, t -> {
            int elements = t.dimension("elements", 100);
            if (elements < 100 && leaked.get() == null) {
                leaked.set(new ProcessBuilder("sleep", "60").start().toHandle());
            }
            return Outcome.of("bad");
        }).shaped(SHAPE);
        ScenarioResult r = run(scenario, settings(Profile.DEFAULT));
        ShrinkResult s = r.shrink().orElseThrow();
        assertEquals(1, s.tries());
        assertTrue(s.notes().contains("stopped: a try leaked (see the leak failure)"), s.notes().toString());
        ScenarioFailure leak = r.failures().get(1);
        assertEquals(ScenarioFailure.Kind.LEAK, leak.kind());
        assertTrue(leak.message().startsWith("while shrinking, a try of trial 0 at elements=1: "), leak.message());
        assertTrue(leak.message().contains("pid [" + leaked.get().pid() + "]"), leak.message());
        leaked.get().onExit().join();
        assertFalse(leaked.get().isAlive());
    }

    @Test
    @Tag("G-HAR-6")
    void aScenarioDeclaringNoDimensionSaysItWasNotShrunk() {
        ScenarioResult r = run(new FakeScenario(TABLE, t -> Outcome.of("bad")), settings(Profile.DEFAULT));
        assertEquals("scenario fake declares no shape dimensions", r.shrink().orElseThrow().notes().get(0));
        assertTrue(ConsoleTable.lines(r).contains("  not shrunk: scenario fake declares no shape dimensions"),
                ConsoleTable.lines(r).toString());
    }

    @Test
    @Tag("G-HAR-6")
    void aMissingRequiredOutcomeIsNotShrunkAndSaysWhy() {
        FakeScenario neverRare = new FakeScenario(TABLE, t -> Outcome.of(t.dimension("elements", 100) > 0 ? "ok" : "bad")).shaped(SHAPE);
        ScenarioResult r = run(neverRare, new RunSettings(Profile.STRESS, Duration.ofMillis(50), 7L, Optional.empty()));
        assertEquals(ScenarioFailure.Kind.REQUIRED_MISSING, r.failures().get(0).kind());
        ShrinkResult s = r.shrink().orElseThrow();
        assertFalse(s.attempted());
        assertTrue(s.notes().get(0).startsWith("a required outcome never seen is a verdict on the whole run"), s.notes().toString());
    }

    @Test
    @Tag("G-HAR-6")
    void aPassingRunHasNoShrinkAndCostsNoTry() {
        AtomicInteger calls = new AtomicInteger();
        ScenarioResult r = run(new FakeScenario(TABLE, t -> {
            t.dimension("elements", 10);
            calls.incrementAndGet();
            return Outcome.of("ok");
        }).shaped(SHAPE), new RunSettings(Profile.DEFAULT, Duration.ofMillis(50), 7L, Optional.empty()));
        assertTrue(r.passed());
        assertTrue(r.shrink().isEmpty());
        assertEquals(r.trials(), calls.get());
    }

    @Test
    @Tag("G-HAR-6")
    void aShapeBelowAMinimumOrUnknownIsRefusedBeforeAnyTrial() {
        AtomicInteger calls = new AtomicInteger();
        FakeScenario scenario = new FakeScenario(TABLE, t -> {
            calls.incrementAndGet();
            return Outcome.of("ok");
        }).shaped(SHAPE);
        ScenarioResult below = run(scenario, settings(Profile.DEFAULT).withShape(Shape.parse("elements=0")));
        assertEquals(2, below.exitCode());
        assertEquals("scenario fake: dimension elements = 0 is below its minimum 1", below.failures().get(0).message());
        ScenarioResult unknown = run(scenario, settings(Profile.DEFAULT).withShape(Shape.parse("consumers=2")));
        assertEquals(2, unknown.exitCode());
        assertEquals("scenario fake: unknown dimension 'consumers'; declared: elements (main, min 1), processes (min 1)",
                unknown.failures().get(0).message());
        assertEquals(0, calls.get());
    }

    @Test
    @Tag("G-HAR-6")
    void aTrialAskingForAnUndeclaredDimensionIsTheScenariosErrorNotTheSubjects() {
        ScenarioResult r = run(new FakeScenario(TABLE, t -> Outcome.of(t.dimension("elemnts", 5) > 0 ? "ok" : "bad")).shaped(SHAPE),
                settings(Profile.DEFAULT));
        assertEquals(2, r.exitCode());
        assertEquals(ScenarioFailure.Kind.INFRASTRUCTURE, r.failures().get(0).kind());
        assertEquals("scenario shape: unknown dimension 'elemnts'; declared: elements (main, min 1), processes (min 1)",
                r.failures().get(0).message());
        assertTrue(r.shrink().isEmpty());
    }

    @Test
    @Tag("G-HAR-6")
    @Tag("G-HAR-5")
    void aShrinkTryThatRunsLongIsSaidToBeStillRunning() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch told = new CountDownLatch(1);
        AtomicInteger tries = new AtomicInteger();
        FakeScenario slowTry = new FakeScenario(TABLE, t -> {
            int elements = t.dimension("elements", 100);
            t.dimension("processes", 4);
            if (tries.getAndIncrement() == 1) {
                // the shrink's first try (the run's one trial failed): waits until the heartbeat speaks
                if (!told.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    return Outcome.of("no still-running line within 30 s");
                }
            }
            return Outcome.of(elements >= 50 ? "bad" : "ok");
        }).shaped(SHAPE);
        ScenarioResult r = new ScenarioRunner(line -> {
            lines.add(line);
            if (line.contains("still running")) {
                told.countDown();
            }
        }, new ShrinkLimits(1, 50, Duration.ofSeconds(60))).run(slowTry, settings(Profile.DEFAULT));
        assertEquals(Shape.parse("elements=50,processes=1"), r.shrink().orElseThrow().shrunk(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  … shrinking fake: a try at elements=")
                && l.contains(" still running after ")), String.join("\n", lines));
    }
}
