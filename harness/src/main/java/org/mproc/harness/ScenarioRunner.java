package org.mproc.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one scenario within its budget (G-HAR-5), by the trial rules of {@link TrialLoop}: a warm-up
 * trial, then trials while the budget allows another of average length; every trial's outcome is graded as it comes (G-HAR-1) and
 * every trial is followed by a leak check (G-HAR-2). The run stops at the first failing trial, so a
 * failure is reported with the least time spent; the result carries the replay command (G-HAR-3).
 * A trial that failed with a forbidden or undeclared outcome is then shrunk (G-HAR-6): replayed
 * with the same seed and index and smaller values of the scenario's {@link Dimensions}, within
 * {@link ShrinkLimits} of its own, outside the budget ({@link TrialShrink}).
 *
 * <pre>{@code
 * ScenarioResult result = new ScenarioRunner(System.out::println)
 *         .run(new Scenario05ManagerSharedState(), new RunSettings(Profile.DEFAULT, Duration.ofSeconds(5), 42, Optional.empty()));
 * }</pre>
 */
public final class ScenarioRunner {
    private final Consumer<String> progress;
    private final ShrinkLimits shrinkLimits;

    /** @param progress receives a line at least every two seconds while a scenario runs */
    public ScenarioRunner(Consumer<String> progress) {
        this(progress, ShrinkLimits.DEFAULT);
    }

    /**
     * @param progress     receives a line at least every two seconds while a scenario runs, and one per shrink candidate
     * @param shrinkLimits how much shrinking a failing trial may spend (G-HAR-6)
     */
    public ScenarioRunner(Consumer<String> progress, ShrinkLimits shrinkLimits) {
        this.progress = progress;
        this.shrinkLimits = Objects.requireNonNull(shrinkLimits, "shrinkLimits");
    }

    /**
     * Runs {@code scenario} with {@code settings}: trials within the budget, graded and leak-checked,
     * then, if one failed, its shrink.
     *
     * @return the graded result; a subject or shape that does not fit the scenario is an infrastructure failure
     */
    public ScenarioResult run(Scenario scenario, RunSettings settings) {
        Object subject;
        Dimensions dimensions;
        try {
            subject = Subjects.instantiate(settings.subject(), scenario);
            dimensions = scenario.dimensions();
            dimensions.check(settings.shape());
        } catch (IllegalArgumentException e) {
            return infrastructureFailure(scenario, settings, "scenario " + scenario.id() + ": " + e.getMessage());
        }
        GradedTrials trials = new GradedTrials(scenario, settings, subject, dimensions);
        TrialLoop.Tally tally = TrialLoop.run(scenario, settings, scenario.id(), progress, trials);
        List<ScenarioFailure> failures = tally.failures();
        Optional<ShrinkResult> shrink = Optional.empty();
        if (!failures.isEmpty() && failures.get(0).semantic()) {
            ScenarioFailure first = failures.get(0);
            Optional<String> why = TrialShrink.whyNotShrunk(first.kind());
            Shape shape = trials.failed == null ? Shape.none() : trials.failed.shape();
            shrink = Optional.of(why.isPresent() || trials.failed == null
                    ? ShrinkResult.notShrunk(shape, dimensions.main().map(Dimension::name), why.orElse("no trial to shrink"))
                    : TrialShrink.shrink(scenario, settings, subject, trials.failed, trials.failedOutcome, first, trials.baseline,
                            failures, shrinkLimits, progress));
        }
        return new ScenarioResult(scenario.id(), scenario.title(), scenario.seedSection(), settings,
                tally.elapsed(), tally.trials(), tally.counts(), failures, settings.replayCommand(scenario.id()), LeakCheck.coverage(), shrink);
    }

    /**
     * mproc's trials: each in a {@link Trial} with a fresh {@link TrialContext}, graded (a misuse of
     * the shape first), then leak-checked against the state after the warm-up; the failing trial is
     * kept for its shrink.
     */
    private static final class GradedTrials implements TrialLoop.Trials<RuntimeException> {
        private final Scenario scenario;
        private final RunSettings settings;
        private final Object subject;
        private final Dimensions dimensions;
        private LeakCheck.Snapshot baseline;
        private TrialContext failed;
        private Outcome failedOutcome;

        GradedTrials(Scenario scenario, RunSettings settings, Object subject, Dimensions dimensions) {
            this.scenario = scenario;
            this.settings = settings;
            this.subject = subject;
            this.dimensions = dimensions;
        }

        @Override
        public TrialLoop.Step run(int index) {
            LeakCheck.Snapshot before = LeakCheck.snapshot();
            TrialContext context = new TrialContext(settings.profile(), settings.seed(), index, subject, dimensions, settings.shape());
            Outcome outcome = new Trial(scenario, context).run();
            List<ScenarioFailure> failures = new ArrayList<>();
            Optional<ScenarioFailure> graded = context.declarationError()
                    .map(e -> new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, index, e))
                    .or(() -> TrialLoop.grade(scenario, settings.profile(), outcome, index));
            graded.ifPresent(failures::add);
            if (graded.isPresent()) {
                failed = context;
                failedOutcome = outcome;
            }
            if (baseline == null) {
                baseline = LeakCheck.snapshot();
            }
            List<String> leaks = LeakCheck.leaksSince(before, baseline);
            if (!leaks.isEmpty()) {
                LeakCheck.endProcessesSince(before);
                failures.add(new ScenarioFailure(ScenarioFailure.Kind.LEAK, index, String.join("; ", leaks)));
            }
            return new TrialLoop.Step(Optional.of(outcome), failures);
        }
    }

    private static ScenarioResult infrastructureFailure(Scenario scenario, RunSettings settings, String message) {
        return new ScenarioResult(scenario.id(), scenario.title(), scenario.seedSection(), settings, Duration.ZERO, 0,
                List.of(), List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, -1, message)),
                settings.replayCommand(scenario.id()), LeakCheck.coverage());
    }
}
