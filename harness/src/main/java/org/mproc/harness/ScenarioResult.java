package org.mproc.harness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario's run: its outcomes tallied and graded, what failed, and how long it took against
 * its budget (G-HAR-5). What the console table, the JSON file and the JUnit XML show.
 *
 * @param trials   how many trials ran, the warm-up included
 * @param counts   every outcome seen, in the order first seen, then the required rows never seen
 * @param failures empty when the run passed
 * @param replay   the command that reruns it with the same settings (G-HAR-3)
 * @param leakCheck what the leak check covered on this machine
 * @param shrink   for a failed run, how its failing trial's shape was shrunk or why it was not
 *                 (G-HAR-6); empty when the run passed or the harness could not run it
 */
public record ScenarioResult(String id, String title, String seedSection, RunSettings settings,
                             Duration actual, int trials, List<OutcomeCount> counts,
                             List<ScenarioFailure> failures, String replay, String leakCheck,
                             Optional<ShrinkResult> shrink) {
    /** Copies the lists. */
    public ScenarioResult {
        counts = List.copyOf(counts);
        failures = List.copyOf(failures);
        Objects.requireNonNull(shrink, "shrink");
    }

    /**
     * A result with no shrink.
     *
     * @param id          the scenario's id
     * @param title       its title
     * @param seedSection the part of the seed it mirrors
     * @param settings    how it was run
     * @param actual      how long the trials took
     * @param trials      how many trials ran, the warm-up included
     * @param counts      every outcome seen, then the required rows never seen
     * @param failures    empty when the run passed
     * @param replay      the command that reruns it
     * @param leakCheck   what the leak check covered
     */
    public ScenarioResult(String id, String title, String seedSection, RunSettings settings, Duration actual, int trials,
                          List<OutcomeCount> counts, List<ScenarioFailure> failures, String replay, String leakCheck) {
        this(id, title, seedSection, settings, actual, trials, counts, failures, replay, leakCheck, Optional.empty());
    }

    /**
     * This result with another replay command: the JUnit integration replays with Maven rather
     * than {@code scripts/harness} (G-HAR-8). Everything else, whatever the runner recorded, is kept.
     *
     * @param command the command that reruns this scenario with the same settings
     * @return a copy that differs in its replay command only
     */
    public ScenarioResult withReplay(String command) {
        return withReplay(command, shape -> shrink.flatMap(ShrinkResult::replay).orElse(""));
    }

    /**
     * This result with another replay command, and a shrink's replay made by {@code shrunkReplay}
     * from the shrunk shape, as the JUnit integration replays a shrunk trial with Maven.
     *
     * @param command      the command that replays the run
     * @param shrunkReplay the command that replays a shrunk trial of that shape
     * @return a copy with both commands replaced
     */
    public ScenarioResult withReplay(String command, java.util.function.Function<Shape, String> shrunkReplay) {
        Optional<ShrinkResult> replayed = shrink.map(s -> s.replay().isEmpty() ? s
                : new ShrinkResult(s.original(), s.shrunk(), s.mainDimension(), s.tries(), s.took(), s.notes(),
                        Optional.of(shrunkReplay.apply(s.shrunk()))));
        return new ScenarioResult(id, title, seedSection, settings, actual, trials, counts, failures, command, leakCheck, replayed);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** 0 passed, 1 a semantic failure, 2 the harness could not run it. */
    public int exitCode() {
        if (failures.isEmpty()) {
            return 0;
        }
        return failures.stream().allMatch(ScenarioFailure::semantic) ? 1 : 2;
    }

    public Optional<String> subject() {
        return settings.subject();
    }

    /** The share of trials that observed {@code count}'s outcome, 0 when no trial ran. */
    public double frequency(OutcomeCount count) {
        return trials == 0 ? 0 : (double) count.samples() / trials;
    }
}
