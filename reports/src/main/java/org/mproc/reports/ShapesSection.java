package org.mproc.reports;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.mproc.reports.ShapeGoals.Efficiency;
import org.mproc.reports.ShapeGoals.Goal;
import org.mproc.reports.ShapeGoals.Relative;
import org.mproc.reports.html.ReportData.ShapeRow;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;
import org.mproc.reports.stats.Units;

/**
 * "Shapes users write": each of mproc's user-shape benchmarks beside its CPython twin from the same
 * run, with the goal the performance issue sets. Results come from every {@code *.json} in
 * {@code <out>/shapes/} and {@code <out>/shapes/start/} but {@code env.json} (JMH's JSON, and the
 * CPython twins' and the start-up shapes' in the same shape). A shape is paired by
 * name: {@code org.mproc.reports.bench.ShapesQueueBenchmark.oneToOne} (or
 * {@code …bench.StartShapes.firstChild}) with {@code cpython.ShapesQueue.oneToOne.fork} (or
 * {@code .spawn}), and the same parameters but {@code workers}.
 *
 * <p>Only a full run decides a goal: a quick run's few short samples show the shape of things,
 * and its verdicts say "smoke run".
 */
final class ShapesSection {
    static final String DIRECTORY = "shapes";
    private static final String MPROC_PREFIX = "org.mproc.reports.bench.";
    private static final String CPYTHON_PREFIX = "cpython.";

    private ShapesSection() {}

    /** A shape's identity on either side. */
    record Id(String area, String shape, Map<String, String> params) {
        String title() {
            return area + "." + shape + (params.isEmpty() ? "" : " " + params);
        }
    }

    /** Every result under {@code out/shapes} (and its {@code start/}), files in name order; empty when there is none. */
    static List<BenchmarkResult> load(Path out) throws IOException {
        List<BenchmarkResult> all = new ArrayList<>();
        for (Path dir : List.of(out.resolve(DIRECTORY), out.resolve(DIRECTORY).resolve("start"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> json = Files.newDirectoryStream(dir, "*.json")) {
                json.forEach(files::add);
            }
            files.sort(null);
            for (Path file : files) {
                if (!file.getFileName().toString().equals("env.json")) {
                    all.addAll(JmhJson.read(file));
                }
            }
        }
        return all;
    }

    static List<ShapeRow> rows(List<BenchmarkResult> results, boolean decides) {
        List<ShapeRow> rows = new ArrayList<>();
        Double floor = floorMicros(results);
        for (BenchmarkResult m : results) {
            Optional<Id> id = mprocId(m);
            if (id.isEmpty()) {
                continue;
            }
            BenchmarkResult twin = twinOf(id.get(), results);
            Double other = twin == null ? null : inUnit(twin, m.unit());
            Double ratio = RatioSection.speedRatio(m.score(), other, m.unit());
            Optional<Goal> goal = ShapeGoals.of(id.get().area(), id.get().shape());
            rows.add(row(id.get().title() + (twin == null ? "" : " vs " + variantOf(twin)), m, other, ratio,
                    goal, decides, twin == null ? "CPython not measured" : null, floor));
        }
        for (Relative rel : ShapeGoals.RELATIVE) {
            for (BenchmarkResult faster : results) {
                Optional<Id> id = mprocId(faster);
                if (id.isEmpty() || !id.get().area().equals(rel.area()) || !id.get().shape().equals(rel.faster())) {
                    continue;
                }
                Id slowerId = new Id(rel.area(), rel.slower(), id.get().params());
                BenchmarkResult slower = results.stream().filter(r -> mprocId(r).filter(slowerId::equals).isPresent())
                        .findFirst().orElse(null);
                Double other = slower == null ? null : inUnit(slower, faster.unit());
                rows.add(row(rel.area() + "." + rel.faster() + " over " + rel.slower()
                                + (id.get().params().isEmpty() ? "" : " " + id.get().params()), faster, other,
                        RatioSection.speedRatio(faster.score(), other, faster.unit()), Optional.of(rel.goal()), decides,
                        slower == null ? rel.slower() + " not measured" : null, null));
            }
        }
        for (Efficiency eff : ShapeGoals.EFFICIENCY) {
            efficiencyRow(eff, results, decides).ifPresent(rows::add);
        }
        return rows;
    }

    /** mproc's parallel efficiency beside its CPython twins', if mproc measured both shapes. */
    private static Optional<ShapeRow> efficiencyRow(Efficiency eff, List<BenchmarkResult> results, boolean decides) {
        Double mine = efficiency(eff, results, ShapesSection::mprocId);
        if (mine == null) {
            return Optional.empty();
        }
        Double theirs = efficiency(eff, results, ShapesSection::twinId);
        Double ratio = theirs == null ? null : mine / theirs;
        String title = eff.area() + "." + eff.many() + " over " + eff.workers() + " × " + eff.one();
        String goal = eff.goal().text();
        if (ratio == null) {
            return Optional.of(new ShapeRow(title, "%", 100 * mine, null, null, goal, "CPython not measured", "neutral"));
        }
        if (!decides) {
            return Optional.of(new ShapeRow(title, "%", 100 * mine, 100 * theirs, ratio, goal, "smoke run: not decided",
                    "neutral"));
        }
        boolean met = ratio >= eff.goal().minRatio();
        return Optional.of(new ShapeRow(title, "%", 100 * mine, 100 * theirs, ratio, goal,
                String.format(Locale.ROOT, met ? "met (%.0f%% vs %.0f%%)" : "not met (%.0f%% vs %.0f%%)", 100 * mine,
                        100 * theirs), met ? "good" : "bad"));
    }

    /** One side's {@code many}-worker rate over {@code workers} × its one-worker rate; null when one is missing. */
    private static Double efficiency(Efficiency eff, List<BenchmarkResult> results,
                                     Function<BenchmarkResult, Optional<Id>> side) {
        Double one = null;
        Double many = null;
        for (BenchmarkResult r : results) {
            Optional<Id> id = side.apply(r);
            if (id.isEmpty() || !id.get().area().equals(eff.area())) {
                continue;
            }
            if (id.get().shape().equals(eff.one())) {
                one = r.score();
            } else if (id.get().shape().equals(eff.many())) {
                many = r.score();
            }
        }
        return one == null || many == null || one <= 0 ? null : many / (eff.workers() * one);
    }

    /** The floor's time in µs, if the run measured it. */
    private static Double floorMicros(List<BenchmarkResult> results) {
        for (BenchmarkResult r : results) {
            if (r.benchmark().endsWith("." + Workloads.FLOOR)) {
                return inUnit(r, "us/op");
            }
        }
        return null;
    }

    private static ShapeRow row(String title, BenchmarkResult m, Double other, Double ratio, Optional<Goal> goal,
                                boolean decides, String missing, Double floor) {
        String goalText = goal.map(Goal::text).orElse("");
        Double micros = inUnit(m, "us/op");
        boolean byFloor = goal.isPresent() && goal.get().floorTimes() > 0 && floor != null && micros != null;
        if (byFloor && decides) {
            boolean met = micros <= goal.get().floorTimes() * floor || (ratio != null && ratio >= goal.get().minRatio());
            String measured = String.format(Locale.ROOT, "%.1f µs, floor %.1f µs = %.1f floors", micros, floor,
                    micros / floor) + (ratio == null ? "" : String.format(Locale.ROOT, ", %.2f×", ratio));
            return new ShapeRow(title, m.unit(), m.score(), other, ratio, goalText,
                    (met ? "met (" : "not met (") + measured + ")", met ? "good" : "bad");
        }
        if (goal.isPresent() && Double.isInfinite(goal.get().minRatio()) && floor == null) {
            return new ShapeRow(title, m.unit(), m.score(), other, ratio, goalText, "floor not measured", "neutral");
        }
        if (ratio == null) {
            return new ShapeRow(title, m.unit(), m.score(), other, null, goalText, missing == null ? "not measured" : missing,
                    "neutral");
        }
        if (goal.isEmpty()) {
            return new ShapeRow(title, m.unit(), m.score(), other, ratio, "", "no goal", "neutral");
        }
        if (!decides) {
            return new ShapeRow(title, m.unit(), m.score(), other, ratio, goalText, "smoke run: not decided", "neutral");
        }
        boolean met = ratio >= goal.get().minRatio();
        return new ShapeRow(title, m.unit(), m.score(), other, ratio, goalText,
                String.format(Locale.ROOT, met ? "met (%.2f×)" : "not met (%.2f×)", ratio), met ? "good" : "bad");
    }

    /** {@code ShapesQueueBenchmark.oneToOne{capacity=1000}} → ShapesQueue, oneToOne, {capacity=1000}. */
    static Optional<Id> mprocId(BenchmarkResult r) {
        if (!r.benchmark().startsWith(MPROC_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = r.simpleName().split("\\.");
        String area = parts[0].endsWith("Benchmark") ? parts[0].substring(0, parts[0].length() - "Benchmark".length())
                : parts[0];
        if (parts.length != 2 || !isShapeArea(area)) {
            return Optional.empty();
        }
        return Optional.of(new Id(area, parts[1], withoutWorkers(r)));
    }

    /** {@code cpython.ShapesQueue.oneToOne.fork} → ShapesQueue, oneToOne. */
    static Optional<Id> twinId(BenchmarkResult r) {
        if (!r.benchmark().startsWith(CPYTHON_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = r.benchmark().split("\\.");
        if (parts.length != 4 || !isShapeArea(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new Id(parts[1], parts[2], withoutWorkers(r)));
    }

    private static boolean isShapeArea(String area) {
        return area.startsWith("Shapes") || area.equals("StartShapes");
    }

    /**
     * The CPython twin, fork before spawn when both were measured: same area and shape, and every
     * parameter the twin has equal to mproc's (mproc may have more: a variant of its own, such as
     * the child JVM flags of a start-up shape, is compared with the one CPython).
     */
    private static BenchmarkResult twinOf(Id id, List<BenchmarkResult> results) {
        BenchmarkResult found = null;
        for (BenchmarkResult r : results) {
            Optional<Id> twin = twinId(r);
            if (twin.isPresent() && twin.get().area().equals(id.area()) && twin.get().shape().equals(id.shape())
                    && id.params().entrySet().containsAll(twin.get().params().entrySet())
                    && (found == null || variantOf(r).equals("CPython fork"))) {
                found = r;
            }
        }
        return found;
    }

    private static String variantOf(BenchmarkResult twin) {
        return "CPython " + twin.benchmark().substring(twin.benchmark().lastIndexOf('.') + 1);
    }

    private static Map<String, String> withoutWorkers(BenchmarkResult r) {
        Map<String, String> params = new TreeMap<>(r.params());
        params.remove("workers");
        return params;
    }

    private static Double inUnit(BenchmarkResult r, String unit) {
        if (r.unit().equals(unit)) {
            return r.score();
        }
        return Units.sameKind(r.unit(), unit) ? Units.rescale(r.score(), r.unit(), unit) : null;
    }
}
