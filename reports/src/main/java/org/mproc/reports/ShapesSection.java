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
import org.mproc.reports.stats.SpeedRatio;
import org.mproc.reports.stats.SpeedRatio.Decision;
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
        BenchmarkResult floor = floor(results);
        for (BenchmarkResult m : results) {
            Optional<Id> id = mprocId(m);
            if (id.isEmpty()) {
                continue;
            }
            BenchmarkResult twin = twinOf(id.get(), results);
            Optional<Goal> goal = ShapeGoals.of(id.get().area(), id.get().shape());
            rows.add(row(id.get().title() + (twin == null ? "" : " vs " + variantOf(twin)), m, twin,
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
                rows.add(row(rel.area() + "." + rel.faster() + " over " + rel.slower()
                                + (id.get().params().isEmpty() ? "" : " " + id.get().params()), faster, slower,
                        Optional.of(rel.goal()), decides, slower == null ? rel.slower() + " not measured" : null, null));
            }
        }
        for (Efficiency eff : ShapeGoals.EFFICIENCY) {
            efficiencyRow(eff, results, decides).ifPresent(rows::add);
        }
        return rows;
    }

    /**
     * mproc's parallel efficiency beside its CPython twins', if mproc measured both shapes; the
     * interval of their ratio from the two speedups' intervals (97.5% each, so at least 95%).
     */
    private static Optional<ShapeRow> efficiencyRow(Efficiency eff, List<BenchmarkResult> results, boolean decides) {
        BenchmarkResult[] mine = pair(eff, results, ShapesSection::mprocId);
        if (mine == null) {
            return Optional.empty();
        }
        double mineEfficiency = mine[1].score() / (eff.workers() * mine[0].score());
        String title = eff.area() + "." + eff.many() + " over " + eff.workers() + " × " + eff.one();
        String goal = eff.goal().text();
        BenchmarkResult[] theirs = pair(eff, results, ShapesSection::twinId);
        if (theirs == null) {
            return Optional.of(new ShapeRow(title, "%", 100 * mineEfficiency, null, null, goal, "CPython not measured", "neutral"));
        }
        double theirEfficiency = theirs[1].score() / (eff.workers() * theirs[0].score());
        double ratio = mineEfficiency / theirEfficiency;
        if (!decides) {
            return Optional.of(new ShapeRow(title, "%", 100 * mineEfficiency, 100 * theirEfficiency, ratio, goal,
                    "smoke run: not decided", "neutral"));
        }
        double each = 1 - (1 - Goals.CONFIDENCE) / 2;
        Optional<SpeedRatio> mineSpeedup = SpeedRatio.of(mine[1], mine[0], each);
        Optional<SpeedRatio> theirSpeedup = SpeedRatio.of(theirs[1], theirs[0], each);
        String measured = String.format(Locale.ROOT, "%.0f%% vs %.0f%%", 100 * mineEfficiency, 100 * theirEfficiency);
        if (mineSpeedup.isEmpty() || theirSpeedup.isEmpty()) {
            return Optional.of(new ShapeRow(title, "%", 100 * mineEfficiency, 100 * theirEfficiency, ratio, goal,
                    "inconclusive (" + measured + "; too few samples for an interval)", "neutral"));
        }
        SpeedRatio interval = mineSpeedup.get().over(theirSpeedup.get());
        Decision d = interval.atLeast(eff.goal().minRatio());
        return Optional.of(new ShapeRow(title, "%", 100 * mineEfficiency, 100 * theirEfficiency, ratio, goal,
                word(d) + " (" + measured + ", ratio " + interval.text() + ")", css(d)));
    }

    /** One side's one-worker and many-worker results, or null when one is missing. */
    private static BenchmarkResult[] pair(Efficiency eff, List<BenchmarkResult> results,
                                          Function<BenchmarkResult, Optional<Id>> side) {
        BenchmarkResult one = null;
        BenchmarkResult many = null;
        for (BenchmarkResult r : results) {
            Optional<Id> id = side.apply(r);
            if (id.isEmpty() || !id.get().area().equals(eff.area())) {
                continue;
            }
            if (id.get().shape().equals(eff.one())) {
                one = r;
            } else if (id.get().shape().equals(eff.many())) {
                many = r;
            }
        }
        return one == null || many == null || one.score() <= 0 ? null : new BenchmarkResult[] {one, many};
    }

    /** The floor (the raw socket round trip between two JVMs), if the run measured it. */
    private static BenchmarkResult floor(List<BenchmarkResult> results) {
        for (BenchmarkResult r : results) {
            if (r.benchmark().endsWith("." + Workloads.FLOOR)) {
                return r;
            }
        }
        return null;
    }

    /**
     * A shape's row. A goal is decided on the interval of the speed ratio ({@link SpeedRatio}):
     * met when all of it meets the goal, not met when none of it does, inconclusive otherwise; a
     * latency goal that may also be met against the floor is met when either way is met wholly,
     * not met when neither way touches its bound.
     */
    private static ShapeRow row(String title, BenchmarkResult m, BenchmarkResult other, Optional<Goal> goal,
                                boolean decides, String missing, BenchmarkResult floor) {
        String goalText = goal.map(Goal::text).orElse("");
        Double otherScore = other == null ? null : inUnit(other, m.unit());
        Double ratio = RatioSection.speedRatio(m.score(), otherScore, m.unit());
        Double micros = inUnit(m, "us/op");
        Double floorMicros = floor == null ? null : inUnit(floor, "us/op");
        boolean byFloor = goal.isPresent() && goal.get().floorTimes() > 0 && floorMicros != null && micros != null;
        Optional<SpeedRatio> vsOther = other == null ? Optional.empty() : SpeedRatio.of(m, other, Goals.CONFIDENCE);
        if (byFloor && decides) {
            Optional<SpeedRatio> vsFloor = SpeedRatio.of(m, floor, Goals.CONFIDENCE);
            Decision byTheFloor = vsFloor.map(f -> f.atLeast(1 / goal.get().floorTimes())).orElse(Decision.UNDECIDED);
            Decision byTheRatio = Double.isInfinite(goal.get().minRatio()) ? Decision.NO
                    : vsOther.map(r -> r.atLeast(goal.get().minRatio())).orElse(ratio == null ? Decision.NO : Decision.UNDECIDED);
            Decision d = byTheFloor == Decision.YES || byTheRatio == Decision.YES ? Decision.YES
                    : byTheFloor == Decision.NO && byTheRatio == Decision.NO ? Decision.NO : Decision.UNDECIDED;
            String measured = String.format(Locale.ROOT, "%.1f µs, floor %.1f µs = %.1f floors", micros, floorMicros,
                    micros / floorMicros)
                    + vsFloor.map(f -> String.format(Locale.ROOT, " [%.2f, %.2f]", 1 / f.upper(), 1 / f.lower())).orElse("")
                    + vsOther.map(r -> ", " + r.text()).orElse("");
            return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, goalText, word(d) + " (" + measured + ")", css(d));
        }
        if (goal.isPresent() && Double.isInfinite(goal.get().minRatio()) && floorMicros == null) {
            return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, goalText, "floor not measured", "neutral");
        }
        if (ratio == null) {
            return new ShapeRow(title, m.unit(), m.score(), otherScore, null, goalText, missing == null ? "not measured" : missing,
                    "neutral");
        }
        if (goal.isEmpty()) {
            return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, "", "no goal", "neutral");
        }
        if (!decides) {
            return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, goalText, "smoke run: not decided", "neutral");
        }
        if (vsOther.isEmpty()) {
            return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, goalText,
                    String.format(Locale.ROOT, "inconclusive (%.2f×; too few samples for an interval)", ratio), "neutral");
        }
        Decision d = vsOther.get().atLeast(goal.get().minRatio());
        return new ShapeRow(title, m.unit(), m.score(), otherScore, ratio, goalText, word(d) + " (" + vsOther.get().text() + ")",
                css(d));
    }

    private static String word(Decision d) {
        return switch (d) {
            case YES -> "met";
            case NO -> "not met";
            case UNDECIDED -> "inconclusive";
        };
    }

    private static String css(Decision d) {
        return switch (d) {
            case YES -> "good";
            case NO -> "bad";
            case UNDECIDED -> "neutral";
        };
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
