package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mproc.reports.html.ReportData;
import org.mproc.reports.html.ReportData.ClusterRow;
import org.mproc.reports.html.ReportData.ProjectionRow;
import org.mproc.reports.stats.AmdahlFit;
import org.mproc.reports.stats.AmdahlResult;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;
import org.mproc.reports.stats.Scaling;
import org.mproc.reports.stats.SpeedRatio;
import org.mproc.reports.stats.SpeedRatio.Decision;
import org.mproc.reports.stats.Units;

/**
 * The report's "Cluster" section: mproc-cluster beside the local runtime from the same run of
 * {@code scripts/bench-cluster}, and a projection of the coarse map's throughput to more cores. It
 * reads {@code <out>/cluster/}: {@code map-k<k>.json} (the coarse map pinned to k cores:
 * {@code ClusterMapBenchmark.cluster} per {@code members}, {@code .local}, {@code .sequential}),
 * {@code roundtrip.json} ({@code ClusterRoundTripBenchmark.<shape>Cluster} beside
 * {@code <shape>Local}) and {@code env.json} (the mode). The table takes the map at the most cores.
 *
 * <p>The goal — the coarse map on 3 members at least 0.90 of the local runtime's throughput on the
 * same cores — is decided only by a full run, on the interval of the speed ratio
 * ({@link SpeedRatio}): met when all of it is at least 0.90, not met when none of it is.
 *
 * <p>The projection is a model, not a measurement: throughput at N cores = S(N) / (t + o), with S
 * the Amdahl speedup of the serial fraction fitted ({@link AmdahlFit}) to the speedup of the map
 * with one member per core (k members at k cores, at most {@value #GOAL_MEMBERS}) over its one-core
 * throughput, t one item's time in the sequential baseline, and o the
 * per-task overhead: the cluster's apply round trip measured here plus an assumed network round
 * trip ({@value #ASSUMED_NETWORK_MICROS} µs) between machines. {@link #assumptions} says it all in words.
 */
final class ClusterSection {
    static final String DIRECTORY = "cluster";
    static final double GOAL = 0.90;
    static final int GOAL_MEMBERS = 3;
    static final int[] PROJECTED_CORES = {8, 64, 512};
    /** Added to the loopback round trip per task in the projection: one LAN hop, assumed, not measured. */
    static final double ASSUMED_NETWORK_MICROS = 100;

    private static final String MAP = "org.mproc.reports.bench.ClusterMapBenchmark.";
    private static final String ROUND_TRIP = "org.mproc.reports.bench.ClusterRoundTripBenchmark.";
    private static final Pattern PER_CORES = Pattern.compile("map-k(\\d+)\\.json");

    /** A round trip or rate of the suite: its benchmark-name stem and how the table names it. */
    private record Shape(String stem, String figure) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("apply", "apply round trip"),
            new Shape("queue", "queue: producer task → this JVM, one put / take each"),
            new Shape("queueBatched", "queue: putAll / drainTo of 100"),
            new Shape("namespaceIncrement", "namespace increment (updateAndGet)"),
            new Shape("dictMerge", "dict increment (merge)"));

    private ClusterSection() {}

    /** One run of the suite: the map per core count, the round trips, whether it was a full run. */
    record Run(SortedMap<Integer, List<BenchmarkResult>> maps, List<BenchmarkResult> roundTrips, boolean full) {}

    /** The run under {@code out/cluster}; empty when the directory does not exist. */
    static Optional<Run> load(Path out) throws IOException {
        Path dir = out.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        SortedMap<Integer, List<BenchmarkResult>> maps = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "map-k*.json")) {
            for (Path file : files) {
                Matcher m = PER_CORES.matcher(file.getFileName().toString());
                if (m.matches()) {
                    maps.put(Integer.parseInt(m.group(1)), JmhJson.read(file));
                }
            }
        }
        Path roundTrip = dir.resolve("roundtrip.json");
        List<BenchmarkResult> roundTrips = Files.isRegularFile(roundTrip) ? JmhJson.read(roundTrip) : List.of();
        Path env = dir.resolve("env.json");
        boolean full = Files.isRegularFile(env)
                && "full".equals(new ObjectMapper().readTree(env.toFile()).path("mode").asText());
        return Optional.of(new Run(maps, roundTrips, full));
    }

    /** The section's data: the table, the projection and its assumptions. */
    static ReportData.Cluster section(Run run) {
        List<ClusterRow> rows = new ArrayList<>();
        List<BenchmarkResult> map = run.maps().isEmpty() ? List.of() : run.maps().get(run.maps().lastKey());
        String cores = run.maps().isEmpty() ? "" : " (" + run.maps().lastKey() + " cores)";
        Optional<BenchmarkResult> local = find(map, r -> r.benchmark().equals(MAP + "local"));
        for (int members = 1; members <= GOAL_MEMBERS; members++) {
            Optional<BenchmarkResult> cluster = mapOn(map, members);
            boolean goal = members == GOAL_MEMBERS;
            rows.add(row("coarse map, " + members + (members == 1 ? " member" : " members") + cores,
                    cluster, local, goal, run.full()));
        }
        for (Shape shape : SHAPES) {
            rows.add(row(shape.figure(), find(run.roundTrips(), r -> r.benchmark().equals(ROUND_TRIP + shape.stem() + "Cluster")),
                    find(run.roundTrips(), r -> r.benchmark().equals(ROUND_TRIP + shape.stem() + "Local")), false, run.full()));
        }
        Projection projection = project(run);
        return new ReportData.Cluster(rows, projection.rows(), projection.assumptions(), projection.note());
    }

    private static Optional<BenchmarkResult> mapOn(List<BenchmarkResult> map, int members) {
        String value = String.valueOf(members);
        return find(map, r -> r.benchmark().equals(MAP + "cluster") && r.param("members").filter(value::equals).isPresent());
    }

    private static Optional<BenchmarkResult> find(List<BenchmarkResult> results, Predicate<BenchmarkResult> which) {
        return results.stream().filter(which).findFirst();
    }

    /** A figure's row; only the goal row has a verdict, and only a full run decides it. */
    private static ClusterRow row(String figure, Optional<BenchmarkResult> cluster, Optional<BenchmarkResult> local,
                                  boolean goal, boolean full) {
        String goalText = goal ? String.format(Locale.ROOT, "≥ %.2f× local", GOAL) : "";
        if (cluster.isEmpty()) {
            return new ClusterRow(figure, local.map(BenchmarkResult::unit).orElse(""), null,
                    local.map(BenchmarkResult::score).orElse(null), null, goalText,
                    "not measured", "neutral");
        }
        BenchmarkResult c = cluster.get();
        Double localScore = local.map(l -> inUnit(l, c.unit())).orElse(null);
        Double ratio = RatioSection.speedRatio(c.score(), localScore, c.unit());
        if (ratio == null) {
            return new ClusterRow(figure, c.unit(), c.score(), null, null, goalText, "local not measured", "neutral");
        }
        if (!goal) {
            return new ClusterRow(figure, c.unit(), c.score(), localScore, ratio, "", "no goal", "neutral");
        }
        if (!full) {
            return new ClusterRow(figure, c.unit(), c.score(), localScore, ratio, goalText, "smoke run: not decided", "neutral");
        }
        Optional<SpeedRatio> interval = SpeedRatio.of(c, local.get(), Goals.CONFIDENCE);
        if (interval.isEmpty()) {
            return new ClusterRow(figure, c.unit(), c.score(), localScore, ratio, goalText,
                    String.format(Locale.ROOT, "inconclusive (%.2f×; too few samples for an interval)", ratio), "neutral");
        }
        Decision d = interval.get().atLeast(GOAL);
        String word = switch (d) {
            case YES -> "met";
            case NO -> "not met";
            case UNDECIDED -> "inconclusive";
        };
        String css = switch (d) {
            case YES -> "good";
            case NO -> "bad";
            case UNDECIDED -> "neutral";
        };
        return new ClusterRow(figure, c.unit(), c.score(), localScore, ratio, goalText,
                word + " (" + interval.get().text() + ")", css);
    }

    private static Double inUnit(BenchmarkResult r, String unit) {
        if (r.unit().equals(unit)) {
            return r.score();
        }
        return Units.sameKind(r.unit(), unit) ? Units.rescale(r.score(), r.unit(), unit) : null;
    }

    /** The projection's rows (empty when it cannot be made), its assumptions, and a note. */
    private record Projection(List<ProjectionRow> rows, List<String> assumptions, String note) {}

    private static Projection project(Run run) {
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>();
        // one member per core: members that share a core with each other measure contention, not scaling
        run.maps().forEach((k, results) -> mapOn(results, Math.min(k, GOAL_MEMBERS)).ifPresent(r -> byCores.put(k, r)));
        Optional<BenchmarkResult> sequential = run.maps().isEmpty() ? Optional.empty()
                : find(run.maps().get(run.maps().firstKey()), r -> r.benchmark().equals(MAP + "sequential"));
        Optional<BenchmarkResult> apply = find(run.roundTrips(), r -> r.benchmark().equals(ROUND_TRIP + "applyCluster"));
        List<String> missing = new ArrayList<>();
        if (!byCores.containsKey(1) || byCores.size() < 2) {
            missing.add("the map with one member per core at one core and at least one more core count");
        }
        if (sequential.isEmpty()) {
            missing.add("the sequential baseline");
        }
        if (apply.isEmpty()) {
            missing.add("the cluster's apply round trip");
        }
        if (!missing.isEmpty()) {
            return new Projection(List.of(), List.of(), "no projection: it needs " + String.join(", ", missing));
        }
        AmdahlResult fit = AmdahlFit.fit(Scaling.analyse(byCores, byCores.get(1)));
        if (!fit.fitted()) {
            return new Projection(List.of(), List.of(), "no projection: " + fit.note());
        }
        double itemSeconds = 1 / Units.toOpsPerSecond(sequential.get().score(), sequential.get().unit());
        double loopbackMicros = Units.rescale(apply.get().score(), apply.get().unit(), "us/op");
        double overheadSeconds = (loopbackMicros + ASSUMED_NETWORK_MICROS) * 1e-6;
        double f = fit.serialFraction().estimate();
        double fUpper = fit.serialFraction().upper();
        double perCore = 1 / (itemSeconds + overheadSeconds);
        List<ProjectionRow> rows = new ArrayList<>();
        for (int n : PROJECTED_CORES) {
            double speedup = fit.speedupAt(n);
            rows.add(new ProjectionRow(n, speedup * perCore, perCore / (fUpper + (1 - fUpper) / n), speedup, speedup / n));
        }
        List<String> assumptions = List.of(
                String.format(Locale.ROOT, "Throughput at N cores = S(N) / (t + o), S(N) = 1 / (f + (1 − f) / N): "
                        + "Amdahl's law with the serial fraction f = %.4f [%.4f, %.4f], fitted to the speedup of "
                        + "the coarse map with one member per core (k members at k cores, at most %d) over its "
                        + "one-core throughput, at k = %s on this machine (%s); the pessimistic column takes f at "
                        + "its interval's upper end.",
                        f, fit.serialFraction().lower(), fit.serialFraction().upper(), GOAL_MEMBERS,
                        byCores.keySet().toString().replaceAll("[\\[\\]]", ""), fit.note()),
                String.format(Locale.ROOT, "t = %.2f ms: one coarse item's time, from the sequential baseline "
                        + "(one core, in the caller).", itemSeconds * 1e3),
                String.format(Locale.ROOT, "o = %.0f µs per task: the cluster's apply round trip measured here on "
                        + "loopback (%.0f µs) plus an assumed network round trip between machines of %.0f µs (not "
                        + "measured); every task is taken to hold its core for t + o, with no overlap of the round "
                        + "trip and the work — pessimistic for a pipelined map.", overheadSeconds * 1e6, loopbackMicros,
                        ASSUMED_NETWORK_MICROS),
                "N cores in total across machines, each as fast as one of this machine's cores; at least N items "
                        + "per map (chunk size 1), so every core has work; the serial part stays what the fit found "
                        + "(the caller alone cuts, sends and collects every chunk); no member fails; the network is "
                        + "not saturated.");
        return new Projection(rows, assumptions, "a model, not a measurement: fitted on " + byCores.size()
                + " core counts of one machine and extrapolated far beyond them");
    }
}
