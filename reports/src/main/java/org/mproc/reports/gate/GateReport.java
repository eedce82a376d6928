package org.mproc.reports.gate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The gate's answer: one {@link Comparison} per key, sorted by key, the settings used, and a plain
 * text table for the console. {@link #hasRegression()} is what {@code --enforce} turns into exit 3.
 *
 * <pre>{@code
 * GateReport report = Gate.compare(baseline, current, GateSettings.DEFAULTS);
 * report.table().forEach(System.out::println);
 * //  benchmark                  baseline   current  change (+ worse)         p  verdict
 * //  …MapScalingBenchmark.mproc{grain=tiny, workers=2}  1.000e+05  7.000e+04  +30.0%  <0.0001  REGRESSED  worse, 6 vs 6 samples
 * System.out.println(report.summary());   // "12 compared: 1 regressed, 0 improved, 11 unchanged, 0 missing, 0 new"
 * }</pre>
 */
public record GateReport(List<Comparison> comparisons, GateSettings settings) {

    public GateReport {
        comparisons = List.copyOf(comparisons);
    }

    /** The rows whose verdict is {@link Verdict#REGRESSED}. */
    public List<Comparison> regressed() {
        return comparisons.stream().filter(c -> c.verdict() == Verdict.REGRESSED).toList();
    }

    public boolean hasRegression() {
        return !regressed().isEmpty();
    }

    /** One line counting each verdict. */
    public String summary() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        comparisons.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        return String.format(Locale.ROOT, "%d compared: %d regressed, %d improved, %d unchanged, %d missing, %d new"
                        + " (regression = Welch p < %s and more than %.0f%% worse)",
                comparisons.size(), counts.getOrDefault(Verdict.REGRESSED, 0), counts.getOrDefault(Verdict.IMPROVED, 0),
                counts.getOrDefault(Verdict.UNCHANGED, 0), counts.getOrDefault(Verdict.MISSING_IN_CURRENT, 0),
                counts.getOrDefault(Verdict.NEW, 0), settings.alpha(), 100 * settings.minEffect());
    }

    /** The table: a header, then key, baseline, current, change % (+ worse), p, verdict and note. */
    public List<String> table() {
        int width = Math.max("benchmark".length(), comparisons.stream().mapToInt(c -> c.key().length()).max().orElse(0));
        String format = "%-" + width + "s  %11s  %11s  %8s  %8s  %-18s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "benchmark", "baseline", "current", "change", "p", "verdict", "note").stripTrailing());
        for (Comparison c : comparisons) {
            lines.add(String.format(Locale.ROOT, format, c.key(), number(c.baselineMean()), number(c.currentMean()),
                    percent(c.relativeChange()), p(c.pValue()), c.verdict(), c.note()).stripTrailing());
        }
        return lines;
    }

    private static String number(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.4g", d.getAsDouble()) : "-";
    }

    private static String percent(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * d.getAsDouble()) : "-";
    }

    private static String p(OptionalDouble d) {
        if (d.isEmpty()) {
            return "-";
        }
        return d.getAsDouble() < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", d.getAsDouble());
    }
}
