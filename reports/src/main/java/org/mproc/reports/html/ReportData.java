package org.mproc.reports.html;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML report shows, already computed: the renderer formats and draws, it never
 * does statistics. Every part may be empty; an empty part renders as an explicit
 * {@code "no data: <reason>"} line, with the reason from {@link #noData()} or the section's
 * {@linkplain Section#defaultReason() default}, never as a blank table or a broken chart. The
 * records serialize with Jackson as they are (the page's charts read that JSON).
 *
 * <pre>{@code
 * ReportData data = ReportData.builder("mproc scaling report", "2025-01-01T12:00:00Z")
 *         .environment(List.of(new ReportData.EnvRow("CPU", "Intel Xeon"), new ReportData.EnvRow("cores", "2")))
 *         .missing(ReportData.Section.RATIOS, "python3 missing")
 *         .build();
 * String html = HtmlReport.render(data);
 * }</pre>
 *
 * @param title      the page's heading
 * @param generated  when the data was gathered, as shown (ISO-8601 is fine)
 * @param verdicts   the goals and whether each was met; shown first
 * @param environment key/value rows: CPU, cores, JDK, Python (or "python3 missing"), mode, date
 * @param scenarios  the graded scenario runs, from {@code scenarios/<id>.json}
 * @param coverage   per guarantee ID, how many tests checked it and how they ended
 * @param charts     scaling charts, one or two per workload (throughput, speedup)
 * @param fits       Amdahl fits per workload
 * @param ratios     mproc beside CPython per workload and core count
 * @param shapes     the shapes users write, each beside its CPython twin and its goal
 * @param cluster    mproc-cluster beside the local runtime and its projection, or null when it did not run
 * @param gate       the regression gate's table, or null when it did not run
 * @param noData     why a part is empty, by section; sections not named get their default reason
 */
public record ReportData(
        String title,
        String generated,
        List<Verdict> verdicts,
        List<EnvRow> environment,
        List<Scenario> scenarios,
        List<Coverage> coverage,
        List<Chart> charts,
        List<Fit> fits,
        List<RatioRow> ratios,
        List<ShapeRow> shapes,
        Cluster cluster,
        Gate gate,
        Map<Section, String> noData) {

    public ReportData {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generated, "generated");
        verdicts = List.copyOf(verdicts);
        environment = List.copyOf(environment);
        scenarios = List.copyOf(scenarios);
        coverage = List.copyOf(coverage);
        charts = List.copyOf(charts);
        fits = List.copyOf(fits);
        ratios = List.copyOf(ratios);
        shapes = List.copyOf(shapes);
        noData = noData.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(noData));
    }

    /** Why {@code section} is empty: the reason given in {@link #noData()}, else the default one. */
    public String reasonFor(Section section) {
        return noData.getOrDefault(section, section.defaultReason());
    }

    public static Builder builder(String title, String generated) {
        return new Builder(title, generated);
    }

    /** The parts of the report that can be missing, in page order, each with the reason shown when nothing says why. */
    public enum Section {
        VERDICTS("no goal was evaluated"),
        ENVIRONMENT("env.json was not found"),
        CHARTS("no JMH results (reports/out/jmh/k*.json); run scripts/bench-scaling"),
        FITS("no scaling data to fit"),
        RATIOS("no CPython results (reports/out/cpython/k*.json)"),
        SHAPES("no user-shape results (reports/out/shapes/*.json); run scripts/bench-scaling --shapes"),
        CLUSTER("no cluster results (reports/out/cluster/*.json); run scripts/bench-cluster"),
        SCENARIOS("no scenario results (reports/out/scenarios/*.json); run scripts/harness"),
        COVERAGE("no guarantee coverage (each module's target/guarantee-coverage.json); run mvn verify"),
        GATE("no scripts/gate result (reports/out/gate/gate.json)");

        private final String defaultReason;

        Section(String defaultReason) {
            this.defaultReason = defaultReason;
        }

        public String defaultReason() {
            return defaultReason;
        }
    }

    /**
     * Whether a goal was met: MET when the whole interval of the measurement meets it, NOT_MET when
     * none of it does, INCONCLUSIVE when it straddles the goal; NOT_DECIDED in a smoke run (quick
     * mode), which decides nothing; NO_DATA when it could not be measured (say why in {@code measured}).
     */
    public enum Met { MET, NOT_MET, INCONCLUSIVE, NOT_DECIDED, NO_DATA }

    /** One goal: {@code goal} as stated, {@code measured} as found (with its interval when there is one). */
    public record Verdict(String goal, String measured, Met met) {}

    /** One line of the environment table. */
    public record EnvRow(String key, String value) {}

    /**
     * One graded scenario run ({@code verdict} is "PASS" or "FAIL"); durations in milliseconds.
     * {@code failures} holds the harness's failure messages, empty when it passed. {@code others}
     * are the same scenario's runs by other implementations, CPython under fork and spawn (G-HAR-7),
     * shown side by side with mproc's; {@code othersNote} says why there are none, or is null.
     */
    public record Scenario(
            String id,
            String title,
            String verdict,
            String profile,
            int trials,
            long budgetMs,
            long actualMs,
            List<OutcomeRow> outcomes,
            List<String> failures,
            List<Implementation> others,
            String othersNote) {
        public Scenario {
            outcomes = List.copyOf(outcomes);
            failures = List.copyOf(failures);
            others = List.copyOf(others);
        }

        /** mproc's run alone, with no other implementation beside it. */
        public Scenario(String id, String title, String verdict, String profile, int trials, long budgetMs, long actualMs,
                        List<OutcomeRow> outcomes, List<String> failures) {
            this(id, title, verdict, profile, trials, budgetMs, actualMs, outcomes, failures, List.of(), null);
        }
    }

    /**
     * Another implementation's run of a scenario, graded by the same table: {@code label} names it
     * ("CPython fork"); a FORBIDDEN outcome here is a finding about that implementation.
     */
    public record Implementation(String label, String verdict, int trials, long actualMs, List<OutcomeRow> outcomes,
                                 List<String> failures) {
        public Implementation {
            outcomes = List.copyOf(outcomes);
            failures = List.copyOf(failures);
        }
    }

    /** One observed outcome: {@code frequency} is a fraction of the trials, 0..1. */
    public record OutcomeRow(String key, long samples, double frequency, String grade, String description) {}

    /** How the tests that check guarantee {@code id} ended; {@code notRun} counts skipped or disabled ones. */
    public record Coverage(String id, int tests, int passed, int failed, int notRun) {}

    /** What a chart plots: a measure per core count, or the speedup against the ideal line. */
    public enum ChartKind { THROUGHPUT, SPEEDUP }

    /** How a series is drawn: measured (line through the means, every iteration as a dot), or a reference line. */
    public enum SeriesKind { MEASURED, BASELINE, IDEAL }

    /**
     * One chart: x is cores. {@code yLabel} names the axis with its unit ("throughput (ops/s)",
     * "speedup (×)"); {@code note}, when not null, is printed under the chart.
     */
    public record Chart(
            String workload,
            String title,
            ChartKind kind,
            String xLabel,
            String yLabel,
            String unit,
            List<Series> series,
            String note) {
        public Chart {
            series = List.copyOf(series);
        }
    }

    /** A named line of points; for {@link SeriesKind#IDEAL} the points are just the line's corners. */
    public record Series(String name, SeriesKind kind, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * One point: {@code y} is the estimate (mean or score), {@code lo}/{@code hi} its interval (null
     * when unknown), {@code iterations} every measured iteration at this x (empty for derived or ideal points).
     */
    public record Point(double x, double y, Double lo, Double hi, List<Double> iterations) {
        public Point {
            iterations = List.copyOf(iterations);
        }

        public static Point of(double x, double y) {
            return new Point(x, y, null, null, List.of());
        }
    }

    /**
     * The Amdahl serial fraction fitted for a workload, with its interval (null bounds when there is
     * none) and a note such as "two points: no goodness of fit".
     */
    public record Fit(String workload, double serialFraction, Double lo, Double hi, String note) {}

    /**
     * mproc beside CPython for one workload at {@code cores}: the three measures in {@code unit}
     * (null when not measured), {@code ratio} as defined by the caller (say how in {@code verdict}).
     */
    public record RatioRow(
            String workload,
            int cores,
            String unit,
            Double mproc,
            Double cpythonFork,
            Double cpythonSpawn,
            Double ratio,
            String verdict) {}

    /**
     * One shape users write (or a ratio between two of mproc's): the two measures in {@code unit}
     * (null when not measured), {@code ratio} as mproc's speed over the other's (above 1: mproc is
     * faster), the goal as stated (empty for none), and the verdict with its CSS class
     * ({@code good}, {@code bad}, {@code neutral}).
     */
    public record ShapeRow(
            String shape,
            String unit,
            Double mproc,
            Double other,
            Double ratio,
            String goal,
            String verdict,
            String verdictClass) {}

    /**
     * The cluster section: each cluster figure beside the local runtime's ({@code rows}), and the
     * projection to more cores — a model, not a measurement — with the assumptions it rests on
     * ({@code projection} empty when it could not be made, {@code projectionNote} saying why or how
     * it was fitted).
     */
    public record Cluster(List<ClusterRow> rows, List<ProjectionRow> projection, List<String> assumptions,
                          String projectionNote) {
        public Cluster {
            rows = List.copyOf(rows);
            projection = List.copyOf(projection);
            assumptions = List.copyOf(assumptions);
            Objects.requireNonNull(projectionNote, "projectionNote");
        }
    }

    /**
     * One cluster figure beside the local runtime's from the same run, both in {@code unit} (null
     * when not measured); {@code ratio} is the cluster's speed over the local runtime's (above 1: the
     * cluster is faster); the goal as stated (empty for none) and the verdict with its CSS class.
     */
    public record ClusterRow(String figure, String unit, Double cluster, Double local, Double ratio, String goal,
                             String verdict, String verdictClass) {}

    /**
     * The model's throughput at {@code cores} (items/s) with the fitted serial fraction, and with
     * the upper end of its interval ({@code pessimistic}); the fitted speedup over one core, and
     * speedup / cores.
     */
    public record ProjectionRow(int cores, double throughput, double pessimistic, double speedup, double efficiency) {}

    /** The regression gate's result: a summary line and a table given as text cells. */
    public record Gate(String summary, boolean regressed, List<String> columns, List<List<String>> rows) {
        public Gate {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** Collects the parts; every list starts empty. */
    public static final class Builder {
        private final String title;
        private final String generated;
        private List<Verdict> verdicts = List.of();
        private List<EnvRow> environment = List.of();
        private List<Scenario> scenarios = List.of();
        private List<Coverage> coverage = List.of();
        private List<Chart> charts = List.of();
        private List<Fit> fits = List.of();
        private List<RatioRow> ratios = List.of();
        private List<ShapeRow> shapes = List.of();
        private Cluster cluster;
        private Gate gate;
        private final Map<Section, String> noData = new EnumMap<>(Section.class);

        private Builder(String title, String generated) {
            this.title = title;
            this.generated = generated;
        }

        public Builder verdicts(List<Verdict> v) { verdicts = v; return this; }
        public Builder environment(List<EnvRow> v) { environment = v; return this; }
        public Builder scenarios(List<Scenario> v) { scenarios = v; return this; }
        public Builder coverage(List<Coverage> v) { coverage = v; return this; }
        public Builder charts(List<Chart> v) { charts = v; return this; }
        public Builder fits(List<Fit> v) { fits = v; return this; }
        public Builder ratios(List<RatioRow> v) { ratios = v; return this; }
        public Builder shapes(List<ShapeRow> v) { shapes = v; return this; }
        public Builder cluster(Cluster v) { cluster = v; return this; }
        public Builder gate(Gate v) { gate = v; return this; }

        /** Says why {@code section} is empty (shown as "no data: {@code reason}"). */
        public Builder missing(Section section, String reason) {
            noData.put(section, reason);
            return this;
        }

        public ReportData build() {
            return new ReportData(title, generated, verdicts, environment, scenarios, coverage, charts,
                    fits, ratios, shapes, cluster, gate, noData);
        }
    }
}
