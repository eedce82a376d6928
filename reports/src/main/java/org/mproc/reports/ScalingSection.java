package org.mproc.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.Workload.Series;
import org.mproc.reports.html.ReportData.Chart;
import org.mproc.reports.html.ReportData.ChartKind;
import org.mproc.reports.html.ReportData.Fit;
import org.mproc.reports.html.ReportData.Point;
import org.mproc.reports.html.ReportData.SeriesKind;
import org.mproc.reports.html.ReportData;
import org.mproc.reports.stats.AmdahlFit;
import org.mproc.reports.stats.AmdahlResult;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Direction;
import org.mproc.reports.stats.Interval;
import org.mproc.reports.stats.Scaling;
import org.mproc.reports.stats.ScalingPoint;
import org.mproc.reports.stats.Units;

/**
 * A workload's charts (its measure per core count, every iteration a dot; for a workload that
 * scales, the speedup against the best sequential run of the same language beside the ideal line)
 * and its Amdahl fits.
 */
final class ScalingSection {
    private static final String CORES = "cores (k, pinned with taskset)";

    private ScalingSection() {}

    static List<Chart> charts(WorkloadResults w) {
        List<Chart> charts = new ArrayList<>();
        String unit = w.unit().orElse("");
        boolean lowerIsBetter = !unit.isEmpty() && Direction.ofUnit(unit) == Direction.LOWER_IS_BETTER;
        List<ReportData.Series> measured = new ArrayList<>();
        for (Series s : w.workload().series()) {
            List<Point> points = new ArrayList<>();
            w.perCores(s).forEach((cores, r) -> points.add(point(cores, WorkloadResults.mean(r, unit), r, unit)));
            if (!points.isEmpty()) {
                measured.add(new ReportData.Series(s.name(), kind(s.role()), points));
            }
        }
        String title = lowerIsBetter ? "Latency per call (lower is better)" : "Throughput (higher is better)";
        String axis = (lowerIsBetter ? "latency" : "throughput") + " (" + unit + ")";
        charts.add(new Chart(w.workload().title(), title, ChartKind.THROUGHPUT, CORES, axis, unit, measured,
                measured.isEmpty() ? "not measured in this run" : null));
        if (w.workload().scales()) {
            charts.add(speedupChart(w));
        }
        return charts;
    }

    private static Chart speedupChart(WorkloadResults w) {
        List<ReportData.Series> lines = new ArrayList<>();
        TreeSet<Integer> cores = new TreeSet<>();
        for (Role role : List.of(Role.MPROC, Role.JAVA_BASELINE, Role.CPYTHON_FORK, Role.CPYTHON_SPAWN)) {
            Optional<List<ScalingPoint>> points = speedups(w, role);
            if (points.isPresent()) {
                List<Point> drawn = new ArrayList<>();
                for (ScalingPoint p : points.get()) {
                    Interval s = p.speedupInterval();
                    drawn.add(new Point(p.cores(), p.speedup(), s.lower(), s.upper(), List.of()));
                    cores.add(p.cores());
                }
                lines.add(new ReportData.Series(w.workload().series(role).orElseThrow().name(), kind(role), drawn));
            }
        }
        if (!cores.isEmpty()) {
            List<Point> ideal = new ArrayList<>();
            ideal.add(Point.of(1, 1));
            ideal.add(Point.of(Math.max(2, cores.last()), Math.max(2, cores.last())));
            lines.add(new ReportData.Series("ideal", SeriesKind.IDEAL, ideal));
        }
        String note = cores.size() == 2 ? AmdahlResult.TWO_POINTS : (cores.isEmpty() ? "no sequential baseline measured" : null);
        return new Chart(w.workload().title(), "Speedup against the best sequential run", ChartKind.SPEEDUP, CORES,
                "speedup (×)", "×", lines, note);
    }

    /** A role's speedup per core count against its language's best sequential run. */
    static Optional<List<ScalingPoint>> speedups(WorkloadResults w, Role role) {
        Role sequential = w.workload().series(role).map(Series::python).orElse(false) ? Role.CPYTHON_SEQUENTIAL : Role.JAVA_SEQUENTIAL;
        List<BenchmarkResult> candidates = w.all(sequential);
        Optional<SortedMap<Integer, BenchmarkResult>> measured = w.perCores(role);
        if (candidates.isEmpty() || measured.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Scaling.analyse(measured.get(), Scaling.best(candidates)));
    }

    static List<Fit> fits(WorkloadResults w) {
        List<Fit> fits = new ArrayList<>();
        if (!w.workload().scales()) {
            return fits;
        }
        for (Role role : List.of(Role.MPROC, Role.CPYTHON_FORK)) {
            speedups(w, role).ifPresent(points -> {
                AmdahlResult fit = AmdahlFit.fit(points);
                if (fit.fitted()) {
                    Interval f = fit.serialFraction();
                    String name = w.workload().title() + " — " + w.workload().series(role).orElseThrow().name();
                    fits.add(new Fit(name, f.estimate(), f.lower(), f.upper(), fit.note() + karpFlatt(points)));
                }
            });
        }
        return fits;
    }

    /** Karp–Flatt's experimentally determined serial fraction e(k) at each k above 1. */
    private static String karpFlatt(List<ScalingPoint> points) {
        StringBuilder text = new StringBuilder();
        for (ScalingPoint p : points) {
            p.karpFlatt().ifPresent(e -> text.append(text.length() == 0 ? "; Karp–Flatt " : ", ")
                    .append(String.format(java.util.Locale.ROOT, "e(%d) = %.3f", p.cores(), e)));
        }
        return text.toString();
    }

    /** Pool.map at all cores with more workers than cores: what oversubscription costs. */
    static Optional<Chart> oversubscription(List<BenchmarkResult> results) {
        List<Point> points = new ArrayList<>();
        String unit = results.isEmpty() ? "" : results.get(0).unit();
        for (BenchmarkResult r : results) {
            Optional<String> workers = r.param("workers");
            if (workers.isPresent()) {
                points.add(point(Integer.parseInt(workers.get()), WorkloadResults.mean(r, unit), r, unit));
            }
        }
        if (points.isEmpty()) {
            return Optional.empty();
        }
        points.sort(java.util.Comparator.comparingDouble(Point::x));
        return Optional.of(new Chart("Oversubscription: Pool.map, medium grain, on all cores", "Throughput by pool size",
                ChartKind.THROUGHPUT, "workers (pool size), all cores", "throughput (" + unit + ")", unit,
                List.of(new ReportData.Series("mproc Pool", SeriesKind.MEASURED, points)), null));
    }

    private static Point point(int cores, Interval mean, BenchmarkResult r, String unit) {
        List<Double> iterations = Arrays.stream(r.samples())
                .map(v -> r.unit().equals(unit) ? v : Units.rescale(v, r.unit(), unit)).boxed().toList();
        return new Point(cores, mean.estimate(), mean.lower(), mean.upper(), iterations);
    }

    private static SeriesKind kind(Role role) {
        return role == Role.MPROC || role == Role.CPYTHON_FORK || role == Role.CPYTHON_SPAWN ? SeriesKind.MEASURED : SeriesKind.BASELINE;
    }
}
