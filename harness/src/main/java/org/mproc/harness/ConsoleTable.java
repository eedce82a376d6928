package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's result as a jcstress-like table: a header naming the scenario, its settings and
 * planned against actual time (G-HAR-5), one row per outcome (RESULT, SAMPLES, FREQ, EXPECT,
 * DESCRIPTION), then the failures and, on failure, the replay command (G-HAR-3).
 *
 * <pre>
 * [PASS] 05  five processes add one through a manager's namespace  (§5 Using Manager for Shared State)
 *        profile default · seed 42 · 7 trials · budget 5.0 s, took 5.6 s · leak check: processes, sockets, …
 *   RESULT  SAMPLES    FREQ  EXPECT       DESCRIPTION
 *   4             3   42.9%  INTERESTING  lost update: two children read the same value
 *   5             1   14.3%  ACCEPTABLE   no two read-then-write pairs overlapped
 * </pre>
 */
public final class ConsoleTable {
    private ConsoleTable() {}

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
        return lines;
    }
}
