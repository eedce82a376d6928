package org.mproc.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one scenario within its budget (G-HAR-5): a warm-up trial, then trials while the budget
 * allows another of average length; every trial's outcome is graded as it comes (G-HAR-1) and
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
    /** A progress line at least this often while a scenario runs. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final int MIN_TRIALS = 2;

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
        long start = System.nanoTime();
        long budget = settings.budget().toNanos();
        long lastProgress = start;
        Map<String, Long> samples = new LinkedHashMap<>();
        List<ScenarioFailure> failures = new ArrayList<>();
        LeakCheck.Snapshot baseline = null;
        int trials = 0;
        TrialContext failedTrial = null;
        Outcome failedOutcome = null;
        while (failures.isEmpty() && (trials < MIN_TRIALS || fitsAnother(start, budget, trials))) {
            LeakCheck.Snapshot before = LeakCheck.snapshot();
            TrialContext context = new TrialContext(settings.profile(), settings.seed(), trials, subject,
                    dimensions, settings.shape());
            Outcome outcome = new Trial(scenario, context).run();
            samples.merge(outcome.key(), 1L, Long::sum);
            Optional<ScenarioFailure> graded = context.declarationError()
                    .map(e -> new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, context.index(), e))
                    .or(() -> gradeTrial(scenario, settings.profile(), outcome, context.index()));
            graded.ifPresent(failures::add);
            if (graded.isPresent()) {
                failedTrial = context;
                failedOutcome = outcome;
            }
            if (baseline == null) {
                baseline = LeakCheck.snapshot();
            }
            List<String> leaks = LeakCheck.leaksSince(before, baseline);
            if (!leaks.isEmpty()) {
                LeakCheck.endProcessesSince(before);
                failures.add(new ScenarioFailure(ScenarioFailure.Kind.LEAK, trials, String.join("; ", leaks)));
            }
            trials++;
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
                lastProgress = now;
                progress.accept(progressLine(scenario, settings, trials, now - start, samples));
            }
        }
        List<OutcomeCount> counts = counts(scenario.outcomes(), settings.profile(), samples);
        for (OutcomeCount c : counts) {
            if (c.samples() == 0 && c.failing()) {
                failures.add(new ScenarioFailure(ScenarioFailure.Kind.REQUIRED_MISSING, -1,
                        "required outcome " + c.key() + " (" + c.description() + ") never observed in " + trials + " trials"));
            }
        }
        Duration actual = Duration.ofNanos(System.nanoTime() - start);
        Optional<ShrinkResult> shrink = Optional.empty();
        if (!failures.isEmpty() && failures.get(0).semantic()) {
            ScenarioFailure first = failures.get(0);
            Optional<String> why = TrialShrink.whyNotShrunk(first.kind());
            Shape shape = failedTrial == null ? Shape.none() : failedTrial.shape();
            shrink = Optional.of(why.isPresent() || failedTrial == null
                    ? ShrinkResult.notShrunk(shape, dimensions.main().map(Dimension::name), why.orElse("no trial to shrink"))
                    : TrialShrink.shrink(scenario, settings, subject, failedTrial, failedOutcome, first, baseline, failures,
                            shrinkLimits, progress));
        }
        return new ScenarioResult(scenario.id(), scenario.title(), scenario.seedSection(), settings,
                actual, trials, counts, failures, settings.replayCommand(scenario.id()), LeakCheck.coverage(), shrink);
    }

    /** Whether another trial, as long as the average so far, still fits in the budget. */
    static boolean fitsAnother(long start, long budget, int trials) {
        long elapsed = System.nanoTime() - start;
        return elapsed + elapsed / trials <= budget;
    }

    /** A trial's outcome graded by the scenario's table: the failure it is, if it is one. */
    static Optional<ScenarioFailure> gradeTrial(Scenario scenario, Profile profile, Outcome outcome, int trial) {
        Optional<OutcomeRow> row = scenario.outcomes().rowFor(outcome);
        if (row.isEmpty()) {
            return Optional.of(new ScenarioFailure(ScenarioFailure.Kind.UNDECLARED, trial, "undeclared outcome: " + outcome.key()));
        }
        if (row.get().gradeUnder(profile) == Grade.FORBIDDEN) {
            return Optional.of(new ScenarioFailure(ScenarioFailure.Kind.FORBIDDEN, trial,
                    "forbidden outcome: " + outcome.key() + " (" + row.get().description() + ")"));
        }
        return Optional.empty();
    }

    /** Outcomes seen, graded, then the rows required under this profile that were never seen. */
    static List<OutcomeCount> counts(OutcomeTable table, Profile profile, Map<String, Long> samples) {
        List<OutcomeCount> counts = new ArrayList<>();
        List<OutcomeRow> seenRows = new ArrayList<>();
        samples.forEach((key, n) -> {
            Optional<OutcomeRow> row = table.rowFor(Outcome.of(key));
            row.ifPresent(seenRows::add);
            counts.add(new OutcomeCount(key, n, row, row.map(r -> r.gradeUnder(profile))));
        });
        for (OutcomeRow row : table.rows()) {
            if (row.gradeUnder(profile) == Grade.REQUIRED && !seenRows.contains(row)) {
                counts.add(new OutcomeCount(row.label(), 0, Optional.of(row), Optional.of(Grade.REQUIRED)));
            }
        }
        return counts;
    }

    private static String progressLine(Scenario scenario, RunSettings settings, int trials, long elapsed, Map<String, Long> samples) {
        StringBuilder line = new StringBuilder("  … ").append(scenario.id()).append(": ").append(trials)
                .append(trials == 1 ? " trial, " : " trials, ").append(Durations.seconds(Duration.ofNanos(elapsed)))
                .append(" of ").append(Durations.seconds(settings.budget())).append(" budget; ");
        List<String> parts = new ArrayList<>();
        samples.forEach((key, n) -> parts.add(n + "× " + key));
        return line.append(String.join(", ", parts)).toString();
    }

    private static ScenarioResult infrastructureFailure(Scenario scenario, RunSettings settings, String message) {
        return new ScenarioResult(scenario.id(), scenario.title(), scenario.seedSection(), settings, Duration.ZERO, 0,
                List.of(), List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, -1, message)),
                settings.replayCommand(scenario.id()), LeakCheck.coverage());
    }
}
