package org.mproc.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mproc.reports.html.ReportData.Chart;
import org.mproc.reports.html.ReportData.Coverage;
import org.mproc.reports.html.ReportData.Fit;
import org.mproc.reports.html.ReportData.Implementation;
import org.mproc.reports.html.ReportData.Met;
import org.mproc.reports.html.ReportData.OutcomeRow;
import org.mproc.reports.html.ReportData.RatioRow;
import org.mproc.reports.html.ReportData.Scenario;
import org.mproc.reports.html.ReportData.Section;
import org.mproc.reports.html.ReportData.Series;
import org.mproc.reports.html.ReportData.Verdict;

/**
 * Turns {@link ReportData} into the template's scope: text cells already formatted (three
 * significant digits, grouped thousands, percentages), CSS classes for verdicts, and for each
 * empty part its "no data" reason under {@code <part>Missing} (null when the part has data).
 * Formatting only: no markup is built here.
 */
final class ReportView {
    private ReportView() {}

    static Map<String, Object> of(ReportData d) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", d.title());
        v.put("generated", d.generated());
        part(v, "verdicts", d.verdicts(), ReportView::verdict, d, Section.VERDICTS);
        part(v, "environment", d.environment(), r -> row("key", r.key(), "value", r.value()), d, Section.ENVIRONMENT);
        part(v, "scenarios", d.scenarios(), ReportView::scenario, d, Section.SCENARIOS);
        part(v, "coverage", d.coverage(), ReportView::coverage, d, Section.COVERAGE);
        part(v, "fits", d.fits(), ReportView::fit, d, Section.FITS);
        part(v, "ratios", d.ratios(), ReportView::ratio, d, Section.RATIOS);
        part(v, "shapes", d.shapes(), ReportView::shape, d, Section.SHAPES);
        v.put("workloads", workloads(d.charts()));
        v.put("chartsMissing", d.charts().isEmpty() ? d.reasonFor(Section.CHARTS) : null);
        v.put("cluster", d.cluster() == null ? null : cluster(d.cluster()));
        v.put("clusterMissing", d.cluster() == null ? d.reasonFor(Section.CLUSTER) : null);
        v.put("gate", d.gate() == null ? null : gate(d.gate()));
        v.put("gateMissing", d.gate() == null ? d.reasonFor(Section.GATE) : null);
        v.put("summary", summary(d));
        return v;
    }

    private static <T> void part(Map<String, Object> v, String name, List<T> items,
            Function<T, Map<String, Object>> view, ReportData d, Section section) {
        v.put(name, items.stream().map(view).toList());
        v.put(name + "Missing", items.isEmpty() ? d.reasonFor(section) : null);
    }

    private static Map<String, Object> summary(ReportData d) {
        long goalsMet = d.verdicts().stream().filter(x -> x.met() == Met.MET).count();
        long inconclusive = d.verdicts().stream().filter(x -> x.met() == Met.INCONCLUSIVE).count();
        long passed = d.scenarios().stream().filter(s -> "PASS".equals(s.verdict())).count();
        int tests = d.coverage().stream().mapToInt(Coverage::tests).sum();
        int failed = d.coverage().stream().mapToInt(Coverage::failed).sum();
        boolean smoke = smokeRun(d);
        return row(
                "smoke", smoke,
                "goals", smoke ? "smoke run" : goalsMet + " of " + d.verdicts().size(),
                "goalsLabel", smoke ? "quick mode: performance not decided"
                        : inconclusive == 0 ? "goals met" : "goals met, " + inconclusive + " inconclusive",
                "goalsCls", smoke ? "neutral" : goalsMet == d.verdicts().size() ? "good" : "bad",
                "scenarios", passed + " of " + d.scenarios().size(),
                "scenariosCls", passed == d.scenarios().size() ? "good" : "bad",
                "guarantees", d.coverage().size() + " IDs, " + tests + " tests",
                "guaranteesCls", failed == 0 ? "good" : "bad");
    }

    /** A run whose performance goals were measured but, by its mode, not decided. */
    static boolean smokeRun(ReportData d) {
        return d.verdicts().stream().anyMatch(x -> x.met() == Met.NOT_DECIDED);
    }

    private static Map<String, Object> verdict(Verdict x) {
        return row("goal", x.goal(), "measured", x.measured(),
                "met", switch (x.met()) {
                    case MET -> "met";
                    case NOT_MET -> "not met";
                    case INCONCLUSIVE -> "inconclusive";
                    case NOT_DECIDED -> "smoke run: not decided";
                    case NO_DATA -> "no data";
                },
                "cls", switch (x.met()) {
                    case MET -> "good";
                    case NOT_MET -> "bad";
                    case INCONCLUSIVE, NOT_DECIDED, NO_DATA -> "neutral";
                });
    }

    private static Map<String, Object> scenario(Scenario s) {
        Map<String, Object> v = row("id", s.id(), "title", s.title(), "verdict", s.verdict(),
                "cls", "PASS".equals(s.verdict()) ? "good" : "bad", "profile", s.profile(),
                "trials", s.trials(), "budget", seconds(s.budgetMs()), "actual", seconds(s.actualMs()),
                "failures", s.failures());
        v.put("outcomes", s.outcomes().stream().map(o -> row(
                "key", o.key(), "samples", String.format(Locale.ROOT, "%,d", o.samples()),
                "frequency", String.format(Locale.ROOT, "%.1f%%", 100 * o.frequency()),
                "grade", o.grade(), "gradeCls", gradeClass(o.grade()), "description", o.description())).toList());
        v.put("outcomesMissing", s.outcomes().isEmpty() ? "no outcome was recorded" : null);
        v.put("othersNote", s.othersNote());
        v.put("sideBySide", s.others().isEmpty() ? null : sideBySide(s));
        return v;
    }

    /** mproc's outcomes and the other implementations' in one table: a column each (G-HAR-7). */
    private static Map<String, Object> sideBySide(Scenario s) {
        List<Implementation> all = new ArrayList<>();
        all.add(new Implementation("mproc", s.verdict(), s.trials(), s.actualMs(), s.outcomes(), s.failures()));
        all.addAll(s.others());
        Map<String, OutcomeRow> keys = new LinkedHashMap<>();
        all.forEach(i -> i.outcomes().forEach(o -> keys.putIfAbsent(o.key(), o)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OutcomeRow o : keys.values()) {
            List<String> cells = new ArrayList<>();
            for (Implementation i : all) {
                cells.add(i.outcomes().stream().filter(x -> x.key().equals(o.key())).findFirst()
                        .map(x -> String.format(Locale.ROOT, "%,d (%.1f%%)", x.samples(), 100 * x.frequency())).orElse("—"));
            }
            rows.add(row("key", o.key(), "grade", o.grade(), "gradeCls", gradeClass(o.grade()), "cells", cells,
                    "description", o.description()));
        }
        List<String> findings = new ArrayList<>();
        s.others().forEach(i -> i.failures().forEach(f -> findings.add(i.label() + ": " + f)));
        return row("heads", all.stream().map(Implementation::label).toList(),
                "verdicts", all.stream().map(i -> row("verdict", i.verdict(), "cls", "PASS".equals(i.verdict()) ? "good" : "bad",
                        "trials", i.trials() + (i.trials() == 1 ? " trial" : " trials"), "actual", seconds(i.actualMs()))).toList(),
                "rows", rows, "findings", findings);
    }

    private static String gradeClass(String grade) {
        return switch (grade == null ? "" : grade) {
            case "ACCEPTABLE", "REQUIRED" -> "good";
            case "INTERESTING" -> "neutral";
            default -> "bad";
        };
    }

    private static Map<String, Object> coverage(Coverage c) {
        return row("id", c.id(), "tests", c.tests(), "passed", c.passed(), "failed", c.failed(),
                "notRun", c.notRun(), "cls", c.failed() > 0 ? "bad" : c.passed() > 0 ? "good" : "neutral");
    }

    private static Map<String, Object> fit(Fit f) {
        return row("workload", f.workload(), "f", number(f.serialFraction()),
                "interval", f.lo() == null || f.hi() == null ? "—" : "[" + number(f.lo()) + ", " + number(f.hi()) + "]",
                "note", f.note() == null ? "" : f.note());
    }

    private static Map<String, Object> ratio(RatioRow r) {
        return row("workload", r.workload(), "cores", r.cores(), "unit", r.unit(), "mproc", number(r.mproc()),
                "fork", number(r.cpythonFork()), "spawn", number(r.cpythonSpawn()),
                "ratio", r.ratio() == null ? "—" : number(r.ratio()) + "×",
                "verdict", r.verdict() == null ? "" : r.verdict());
    }

    private static Map<String, Object> shape(ReportData.ShapeRow r) {
        return row("shape", r.shape(), "unit", r.unit(), "mproc", number(r.mproc()), "other", number(r.other()),
                "ratio", r.ratio() == null ? "—" : number(r.ratio()) + "×", "goal", r.goal(),
                "verdict", r.verdict(), "cls", r.verdictClass());
    }

    private static Map<String, Object> cluster(ReportData.Cluster c) {
        return row("rows", c.rows().stream().map(r -> row("figure", r.figure(), "unit", r.unit(),
                        "cluster", number(r.cluster()), "local", number(r.local()),
                        "ratio", r.ratio() == null ? "—" : number(r.ratio()) + "×", "goal", r.goal(),
                        "verdict", r.verdict(), "cls", r.verdictClass())).toList(),
                "projection", c.projection().stream().map(p -> row("cores", String.format(Locale.ROOT, "%,d", p.cores()),
                        "throughput", number(p.throughput()), "pessimistic", number(p.pessimistic()),
                        "speedup", number(p.speedup()) + "×",
                        "efficiency", String.format(Locale.ROOT, "%.0f%%", 100 * p.efficiency()))).toList(),
                "projectionMissing", c.projection().isEmpty() ? c.projectionNote() : null,
                "projectionNote", c.projectionNote(), "assumptions", c.assumptions());
    }

    private static Map<String, Object> gate(ReportData.Gate g) {
        return row("summary", g.summary(), "regressed", g.regressed(), "cls", g.regressed() ? "bad" : "good", "columns", g.columns(),
                "rows", g.rows().stream().map(cells -> row("cells", cells)).toList(),
                "rowsMissing", g.rows().isEmpty() ? "nothing was compared" : null);
    }

    /** Charts grouped by workload in their order; {@code index} is the chart's place in {@code charts}. */
    private static List<Map<String, Object>> workloads(List<Chart> charts) {
        Map<String, List<Map<String, Object>>> byWorkload = new LinkedHashMap<>();
        for (int i = 0; i < charts.size(); i++) {
            Chart c = charts.get(i);
            boolean empty = !drawable(c);
            byWorkload.computeIfAbsent(c.workload(), w -> new ArrayList<>()).add(row(
                    "index", i, "title", c.title(), "yLabel", c.yLabel(),
                    "note", c.note() == null ? "" : c.note(),
                    "missing", empty ? (c.note() == null ? "no measured points" : c.note()) : null,
                    "series", c.series().stream().map(Series::name).toList()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byWorkload.forEach((w, list) -> out.add(row("workload", w, "charts", list)));
        return out;
    }

    /** Whether the page script will draw {@code c} (it has measured points). */
    static boolean drawable(Chart c) {
        return c.series().stream().anyMatch(s -> s.kind() != ReportData.SeriesKind.IDEAL && !s.points().isEmpty());
    }

    /** Three significant digits, thousands grouped from 100 up; "—" for null, NaN or infinite. */
    static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "—";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
        return Math.abs(value) >= 100
                ? String.format(Locale.ROOT, "%,d", rounded.toBigInteger())
                : rounded.stripTrailingZeros().toPlainString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A map from alternating keys and values; values may be null (a missing part). */
    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
