package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.SharedMemory;

/** The runner on scenarios without child JVMs: grading, budgets, hangs, leaks, replays. */
class ScenarioRunnerTest {
    private static final OutcomeTable COIN = OutcomeTable.builder()
            .exact("heads", Grade.ACCEPTABLE, "one side")
            .exact("tails", Grade.INTERESTING, "the other side").underStress(Grade.REQUIRED)
            .exact("edge", Grade.FORBIDDEN, "cannot happen")
            .build();

    private final List<String> progress = new ArrayList<>();
    private final List<Pipe> leakedPipes = new ArrayList<>();

    @AfterEach
    void closeLeakedPipes() throws Exception {
        for (Pipe p : leakedPipes) {
            p.source().close();
            p.sink().close();
        }
    }

    private ScenarioResult run(Scenario scenario, Profile profile, Duration budget) {
        return new ScenarioRunner(progress::add).run(scenario, new RunSettings(profile, budget, 7L, Optional.empty()));
    }

    @Test
    @Tag("G-HAR-1")
    void acceptableAndInterestingOutcomesPassAndAreTallied() {
        AtomicInteger n = new AtomicInteger();
        ScenarioResult r = run(new FakeScenario(COIN, t -> Outcome.of(n.getAndIncrement() % 3 == 0 ? "tails" : "heads")),
                Profile.DEFAULT, Duration.ofMillis(200));
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(0, r.exitCode());
        assertEquals(r.trials(), r.counts().stream().mapToLong(OutcomeCount::samples).sum());
        assertEquals(List.of("heads", "tails"), r.counts().stream().map(OutcomeCount::key).sorted().toList());
    }

    @Test
    @Tag("G-HAR-1")
    void aForbiddenOutcomeFailsAndStopsTheRunAtOnce() {
        AtomicInteger n = new AtomicInteger();
        ScenarioResult r = run(new FakeScenario(COIN, t -> Outcome.of(n.incrementAndGet() == 3 ? "edge" : "heads")),
                Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals(1, r.exitCode());
        assertEquals(3, r.trials());
        assertEquals(ScenarioFailure.Kind.FORBIDDEN, r.failures().get(0).kind());
        assertEquals(2, r.failures().get(0).trial());
    }

    @Test
    @Tag("G-HAR-1")
    void anUndeclaredOutcomeFailsLikeAForbiddenOne() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> Outcome.of("lost in the sofa")), Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals(1, r.exitCode());
        assertEquals(ScenarioFailure.Kind.UNDECLARED, r.failures().get(0).kind());
        assertEquals("UNDECLARED", r.counts().get(0).expect());
    }

    @Test
    @Tag("G-HAR-1")
    void aRequiredOutcomeNeverSeenFailsOnlyWhereItIsRequired() {
        FakeScenario alwaysHeads = new FakeScenario(COIN, t -> Outcome.of("heads"));
        assertTrue(run(alwaysHeads, Profile.DEFAULT, Duration.ofMillis(100)).passed());
        ScenarioResult stress = run(alwaysHeads, Profile.STRESS, Duration.ofMillis(100));
        assertEquals(1, stress.exitCode());
        assertEquals(ScenarioFailure.Kind.REQUIRED_MISSING, stress.failures().get(0).kind());
        OutcomeCount missing = stress.counts().get(stress.counts().size() - 1);
        assertEquals("tails", missing.key());
        assertEquals(0, missing.samples());
        assertTrue(missing.failing());
    }

    @Test
    @Tag("G-HAR-1")
    void anExceptionFromATrialIsAnOutcome() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            throw new IllegalStateException("boom");
        }), Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals("threw java.lang.IllegalStateException: boom", r.counts().get(0).key());
        assertEquals(1, r.exitCode());
    }

    @Test
    @Tag("G-HAR-5")
    void trialsStopWhenTheBudgetCannotHoldAnotherAndBothTimesAreReported() {
        Duration budget = Duration.ofMillis(600);
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            Thread.sleep(50); // the trial's own work: what the budget is spent on
            return Outcome.of("heads");
        }), Profile.DEFAULT, budget);
        assertTrue(r.passed());
        assertEquals(budget, r.settings().budget());
        assertTrue(r.trials() >= 2 && r.trials() <= 12, "trials: " + r.trials());
        assertTrue(r.actual().compareTo(Duration.ofMillis(100)) >= 0, "actual: " + r.actual());
        assertTrue(ConsoleTable.lines(r).get(1).contains("budget 0.6 s, took "), ConsoleTable.lines(r).get(1));
    }

    @Test
    @Tag("G-HAR-5")
    void atLeastTwoTrialsRunEvenWhenTheFirstOverrunsTheBudget() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            Thread.sleep(30);
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofMillis(1));
        assertEquals(2, r.trials());
    }

    @Test
    @Tag("G-HAR-5")
    void aTrialThatHangsIsInterruptedAndGradedAsAHang() {
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Outcome.of("heads");
        }, Duration.ofMillis(300)), Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals(1, r.exitCode());
        assertEquals("hang: no outcome within 300ms", r.counts().get(0).key());
        assertTrue(interrupted.get());
    }

    @Test
    @Tag("G-HAR-2")
    void aProcessLeftAliveIsALeakAndIsEnded() throws Exception {
        AtomicReference<ProcessHandle> leaked = new AtomicReference<>();
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            if (t.index() == 1) {
                leaked.set(new ProcessBuilder("sleep", "60").start().toHandle());
            }
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals(1, r.exitCode());
        ScenarioFailure f = r.failures().get(0);
        assertEquals(ScenarioFailure.Kind.LEAK, f.kind());
        assertEquals(1, f.trial());
        assertTrue(f.message().contains("pid [" + leaked.get().pid() + "]"), f.message());
        leaked.get().onExit().get();
        assertFalse(leaked.get().isAlive());
    }

    @Test
    @Tag("G-HAR-2")
    void descriptorsLeftOpenAfterTheWarmUpAreALeak() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            if (t.index() == 2) {
                leakedPipes.add(Pipe.open());
            }
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofSeconds(30));
        assertEquals(1, r.exitCode());
        assertEquals(ScenarioFailure.Kind.LEAK, r.failures().get(0).kind());
        assertEquals(2, r.failures().get(0).trial());
        assertTrue(r.failures().get(0).message().contains("pipe"), r.failures().get(0).message());
    }

    @Test
    @Tag("G-HAR-2")
    @Tag("G-SHM-4")
    void aSharedMemorySegmentATrialNeverUnlinkedIsALeakNamedInTheFailure() {
        String name = "left-by-trial-" + ProcessHandle.current().pid();
        try {
            ScenarioResult r = run(new FakeScenario(COIN, t -> {
                if (t.index() == 1) {
                    SharedMemory.create(name, 8).close(); // closed, but never unlinked
                }
                return Outcome.of("heads");
            }), Profile.DEFAULT, Duration.ofSeconds(30));
            assertEquals(1, r.exitCode());
            ScenarioFailure f = r.failures().get(0);
            assertEquals(ScenarioFailure.Kind.LEAK, f.kind());
            assertEquals(1, f.trial());
            assertTrue(f.message().contains("shared memory segment(s) created and never unlinked: [" + name + "]"), f.message());
        } finally {
            SharedMemory.attach(name).unlink();
        }
    }

    @Test
    @Tag("G-HAR-2")
    void aSharedMemorySegmentCreatedAndUnlinkedByEachTrialIsNoLeak() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            try (SharedMemory shm = SharedMemory.create(8)) {
                shm.unlink();
            }
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofMillis(100));
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    @Tag("G-HAR-2")
    void whatTheWarmUpOpensForGoodIsTheBaseline() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            if (t.index() == 0) {
                leakedPipes.add(Pipe.open()); // like a client connection opened once per process
            }
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofMillis(100));
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    @Tag("G-HAR-3")
    void aFailurePrintsTheCommandThatReplaysItsSettings() {
        ScenarioResult r = new ScenarioRunner(progress::add).run(new FakeScenario(COIN, t -> Outcome.of("edge")),
                new RunSettings(Profile.STRESS, Duration.ofSeconds(20), 1234L, Optional.empty()));
        String replay = "scripts/harness run fake --profile stress --seed 1234 --budget 20s";
        assertEquals(replay, r.replay());
        assertTrue(ConsoleTable.lines(r).contains("  replay: " + replay), ConsoleTable.lines(r).toString());
    }

    @Test
    @Tag("G-HAR-3")
    void theSameSeedDrawsTheSameInputsForEachTrial() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (List<Long> draws : List.of(first, second)) {
            for (int i = 0; i < 3; i++) {
                draws.add(new TrialContext(Profile.DEFAULT, 99L, i, null).random().nextLong());
            }
        }
        assertEquals(first, second);
        assertEquals(3, first.stream().distinct().count());
    }

    @Test
    void aSubjectThatFitsNoSubjectTypeIsAnInfrastructureError() {
        ScenarioResult r = new ScenarioRunner(progress::add).run(new FakeScenario(COIN, t -> Outcome.of("heads")),
                new RunSettings(Profile.DEFAULT, Duration.ofSeconds(1), 1L, Optional.of("java.lang.String")));
        assertEquals(2, r.exitCode());
        assertTrue(r.failures().get(0).message().contains("does not fit scenario fake"), r.failures().get(0).message());
    }

    @Test
    @Tag("G-HAR-5")
    void longRunsPrintProgress() {
        ScenarioResult r = run(new FakeScenario(COIN, t -> {
            Thread.sleep(100);
            return Outcome.of("heads");
        }), Profile.DEFAULT, Duration.ofMillis(2500));
        assertTrue(r.passed());
        assertFalse(progress.isEmpty(), "no progress line in " + Durations.seconds(r.actual()));
        assertTrue(progress.get(0).startsWith("  … fake: "), progress.get(0));
    }
}
