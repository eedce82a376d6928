package org.mproc.harness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runner's side of a shrink (G-HAR-6): replays the failing trial's seed and index with smaller
 * shapes, each try on its own thread under the trial timeout ({@link Trial}) and leak-checked like
 * any trial (G-HAR-2), and calls a try a repeat of the failure when it is graded the same way: a
 * FORBIDDEN outcome matched by the same row, or again an undeclared one. A try that leaks ends the
 * shrink; the leak is added to the run's failures.
 */
final class TrialShrink implements Shrinker.Attempt {
    private final Scenario scenario;
    private final RunSettings settings;
    private final Object subject;
    private final int index;
    private final ScenarioFailure.Kind kind;
    private final Optional<OutcomeRow> row;
    private final LeakCheck.Snapshot baseline;
    private final List<ScenarioFailure> failures;
    private String abortReason = "a try went wrong";
    private Heartbeat heartbeat;

    private TrialShrink(Scenario scenario, RunSettings settings, Object subject, int index, ScenarioFailure.Kind kind,
            Optional<OutcomeRow> row, LeakCheck.Snapshot baseline, List<ScenarioFailure> failures) {
        this.scenario = scenario;
        this.settings = settings;
        this.subject = subject;
        this.index = index;
        this.kind = kind;
        this.row = row;
        this.baseline = baseline;
        this.failures = failures;
    }

    /**
     * Shrinks the shape of the trial that failed the run, or says why it does not.
     *
     * @param failed   the failing trial's context, which recorded its shape
     * @param outcome  what it observed
     * @param failure  the failure it caused: only FORBIDDEN and UNDECLARED outcomes are shrunk
     * @param failures the run's failures, to which a leak seen while shrinking is added
     */
    static ShrinkResult shrink(Scenario scenario, RunSettings settings, Object subject, TrialContext failed,
            Outcome outcome, ScenarioFailure failure, LeakCheck.Snapshot baseline, List<ScenarioFailure> failures,
            ShrinkLimits limits, Consumer<String> progress) {
        Dimensions dimensions = scenario.dimensions();
        Optional<String> main = dimensions.main().map(Dimension::name);
        Shape original = failed.shape();
        if (dimensions.isEmpty()) {
            return ShrinkResult.notShrunk(original, main, "scenario " + scenario.id() + " declares no shape dimensions");
        }
        if (original.isEmpty()) {
            return ShrinkResult.notShrunk(original, main, "the failing trial asked for none of its dimensions ("
                    + dimensions.describe() + ") under the " + settings.profile().label() + " profile");
        }
        if (limits.off()) {
            return ShrinkResult.notShrunk(original, main, "shrinking is off (a time cap of 0)");
        }
        Optional<OutcomeRow> row = scenario.outcomes().rowFor(outcome);
        TrialShrink attempt = new TrialShrink(scenario, settings, subject, failed.index(), failure.kind(), row, baseline, failures);
        progress.accept("  … shrinking " + scenario.id() + " from " + original + " (up to " + limits.triesPerCandidate()
                + " tries per shape, " + Durations.format(limits.timeCap()) + " at most):");
        long start = System.nanoTime();
        Shrinker.Found found;
        try (Heartbeat heartbeat = new Heartbeat("shrinking " + scenario.id(), progress)) {
            attempt.heartbeat = heartbeat;
            found = new Shrinker(dimensions, limits, attempt, heartbeat.relaying(progress)).shrink(original);
        }
        return new ShrinkResult(original, found.shape(), main, found.tries(), Duration.ofNanos(System.nanoTime() - start),
                found.notes(), Optional.of(settings.withShape(found.shape()).replayCommand(scenario.id())));
    }

    /** Whether a failure of this kind is shrunk, and if not, why. */
    static Optional<String> whyNotShrunk(ScenarioFailure.Kind kind) {
        switch (kind) {
            case FORBIDDEN:
            case UNDECLARED:
                return Optional.empty();
            case REQUIRED_MISSING:
                return Optional.of("a required outcome never seen is a verdict on the whole run, not on one trial; "
                        + "a smaller shape shows fewer races, so it would seem to fail at any size");
            case LEAK:
                return Optional.of("a leak is not shrunk: only forbidden and undeclared outcomes are");
            default:
                return Optional.of("the harness could not run the scenario");
        }
    }

    @Override
    public Shrinker.Verdict attempt(Shape candidate) {
        if (heartbeat != null) {
            heartbeat.starts("a try at " + candidate);
        }
        LeakCheck.Snapshot before = LeakCheck.snapshot();
        TrialContext context = new TrialContext(settings.profile(), settings.seed(), index, subject,
                scenario.dimensions(), candidate);
        Outcome outcome = new Trial(scenario, context).run();
        List<String> leaks = LeakCheck.leaksSince(before, baseline);
        if (!leaks.isEmpty()) {
            LeakCheck.endProcessesSince(before);
            String message = "while shrinking, a try of trial " + index + " at " + candidate + ": " + String.join("; ", leaks);
            failures.add(new ScenarioFailure(ScenarioFailure.Kind.LEAK, index, message));
            abortReason = "a try leaked (see the leak failure)";
            return Shrinker.Verdict.ABORT;
        }
        if (context.declarationError().isPresent()) {
            abortReason = context.declarationError().get();
            return Shrinker.Verdict.ABORT;
        }
        return sameFailure(outcome) ? Shrinker.Verdict.FAILED_AGAIN : Shrinker.Verdict.DID_NOT_FAIL;
    }

    @Override
    public String abortReason() {
        return abortReason;
    }

    private boolean sameFailure(Outcome outcome) {
        Optional<OutcomeRow> seen = scenario.outcomes().rowFor(outcome);
        if (kind == ScenarioFailure.Kind.UNDECLARED) {
            return seen.isEmpty();
        }
        return seen.isPresent() && seen.equals(row) && seen.get().gradeUnder(settings.profile()) == Grade.FORBIDDEN;
    }
}
