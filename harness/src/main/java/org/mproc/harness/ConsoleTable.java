package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's result as a jcstress-like table: a header naming the scenario, its settings and
 * planned against actual time (G-HAR-5), one row per outcome (RESULT, SAMPLES, FREQ, EXPECT,
 * DESCRIPTION), then the failures and, on failure, the replay command (G-HAR-3) and the shrink:
 * the original and the smallest failing shape, why it stopped there, and the command that replays
 * the shrunk trial (G-HAR-6).
 *
 * <pre>
 * [PASS] 05  five processes add one through a manager's namespace  (§5 Using Manager for Shared State)
 *        profile default · seed 42 · 7 trials · budget 5.0 s, took 5.6 s · leak check: processes, sockets, …
 *   RESULT  SAMPLES    FREQ  EXPECT       DESCRIPTION
 *   4             3   42.9%  INTERESTING  lost update: two children read the same value
 *   5             1   14.3%  ACCEPTABLE   no two read-then-write pairs overlapped
 *
 * [FAIL] 06b  A pool task's exception reaches the caller as TaskFailedException, …
 *   …
 *   replay: scripts/harness run 06b --profile stress --seed 11 --budget 30s --subject org.mproc.scenarios.broken.SwallowingPool
 *   shrunk: applies 20 → 1, processes 2 → 1 (main dimension: applies) in 2 tries, 0.5 s
 *     applies: at its minimum 1
 *     processes: at its minimum 1
 *   replay shrunk: scripts/harness run 06b --profile stress --seed 11 --budget 30s --subject … --shape applies=1,processes=1
 * </pre>
 */
public final class ConsoleTable {
    private ConsoleTable() {}

    /** The table's lines for {@code r}, without line ends. */
    public static List<String> lines(ScenarioResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "[%s] %s  %s  (%s)", r.passed() ? "PASS" : "FAIL", r.id(), r.title(), r.seedSection()));
        lines.add(String.format(Locale.ROOT, "       profile %s · seed %d · %d trial%s · budget %s, took %s%s · leak check: %s",
                r.settings().profile().label(), r.settings().seed(), r.trials(), r.trials() == 1 ? "" : "s",
                Durations.seconds(r.settings().budget()), Durations.seconds(r.actual()),
                r.subject().map(s -> " · subject " + s).orElse(""), r.leakCheck()));
        int width = "RESULT".length();
        for (OutcomeCount c : r.counts()) {
            width = Math.max(width, c.key().length());
        }
        String row = "  %-" + width + "s  %7s  %6s  %-11s  %s";
        lines.add(String.format(Locale.ROOT, row, "RESULT", "SAMPLES", "FREQ", "EXPECT", "DESCRIPTION"));
        for (OutcomeCount c : r.counts()) {
            String marker = c.failing() ? "  ◀ fails the run" : "";
            lines.add(String.format(Locale.ROOT, row, c.key(), c.samples(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * r.frequency(c)), c.expect(), c.description() + marker));
        }
        for (ScenarioFailure f : r.failures()) {
            String where = f.trial() < 0 ? "" : (f.trial() == 0 ? " (warm-up trial)" : " (trial " + f.trial() + ")");
            lines.add("  failure" + where + ": " + f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " — " + f.message());
        }
        if (!r.passed()) {
            lines.add("  replay: " + r.replay());
        }
        r.shrink().ifPresent(s -> lines.addAll(shrinkLines(s)));
        return lines;
    }

    /** How a failing trial's shape was shrunk, or why it was not (G-HAR-6). */
    static List<String> shrinkLines(ShrinkResult s) {
        List<String> lines = new ArrayList<>();
        if (!s.attempted()) {
            lines.add("  not shrunk: " + String.join("; ", s.notes())
                    + (s.original().isEmpty() ? "" : " (shape " + s.original() + ")"));
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "  shrunk: %s%s in %d tr%s, %s%s", s.describeChange(),
                s.mainDimension().map(m -> " (main dimension: " + m + ")").orElse(""), s.tries(), s.tries() == 1 ? "y" : "ies",
                Durations.seconds(s.took()),
                s.reduced() ? "" : s.tries() == 0 ? " — every dimension is at its minimum" : " — no smaller shape failed"));
        s.notes().forEach(n -> lines.add("    " + n));
        lines.add("  replay shrunk: " + s.replay().orElseThrow());
        return lines;
    }
}
