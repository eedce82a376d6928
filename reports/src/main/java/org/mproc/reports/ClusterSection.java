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
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;
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
 * <p>The projection is a model, not a measurement: a bracket around the throughput at N cores
 * across machines, from the map with one member per core on the most cores measured and the
 * sequential baseline — above, the measured parallel efficiency held; below, every loss charged
 * as serial work (Amdahl through one core and the measured point) — each item's time taken with
 * an assumed network round trip ({@value #ASSUMED_NETWORK_MICROS} µs) between machines.
 * {@link #project} states the assumptions in words.
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
                : find(run.maps().get(run.maps().lastKey()), r -> r.benchmark().equals(MAP + "sequential"));
        List<String> missing = new ArrayList<>();
        if (byCores.isEmpty() || byCores.lastKey() < 2) {
            missing.add("the map with one member per core on at least 2 cores");
        }
        if (sequential.isEmpty()) {
            missing.add("the sequential baseline");
        }
        if (!missing.isEmpty()) {
            return new Projection(List.of(), List.of(), "no projection: it needs " + String.join(", ", missing));
        }
        int k = byCores.lastKey();
        BenchmarkResult measured = byCores.get(k);
        double oneCore = Units.toOpsPerSecond(sequential.get().score(), sequential.get().unit());
        double itemSeconds = 1 / oneCore;
        double efficiency = Units.toOpsPerSecond(measured.score(), measured.unit()) / (k * oneCore);
        // every loss charged as serial: Amdahl through (1, 1) and (k, k * efficiency)
        double speedupAtK = k * efficiency;
        double serial = Math.max(0, Math.min(1, (1 / speedupAtK - 1.0 / k) / (1 - 1.0 / k)));
        double hop = ASSUMED_NETWORK_MICROS * 1e-6;
        double perCore = 1 / (itemSeconds + hop);
        List<ProjectionRow> rows = new ArrayList<>();
        for (int n : PROJECTED_CORES) {
            double held = n * efficiency * perCore;
            double amdahl = perCore / (serial + (1 - serial) / n);
            rows.add(new ProjectionRow(n, held, Math.min(held, amdahl), held / oneCore, efficiency));
        }
        List<String> assumptions = List.of(
                String.format(Locale.ROOT, "Measured: on %d cores, %d member%s (one per core) mapped %.1f items/s, against "
                        + "%.1f items/s for one core running the items alone (the sequential baseline, t = %.2f ms an "
                        + "item): a parallel efficiency E = %.2f. It includes every cost of the cluster on loopback — "
                        + "the round trips, the caller's and the members' own threads.", k, k, k == 1 ? "" : "s",
                        Units.toOpsPerSecond(measured.score(), measured.unit()), oneCore, itemSeconds * 1e3, efficiency),
                String.format(Locale.ROOT, "Upper column — the efficiency holds: throughput at N cores = N × E / (t + h), "
                        + "with h = %.0f µs an assumed network round trip between machines (not measured) added to "
                        + "each item's time. Right if the losses are per core (each machine pays its own member's "
                        + "overhead) and the caller never becomes the bottleneck.", ASSUMED_NETWORK_MICROS),
                String.format(Locale.ROOT, "Lower column — every loss is serial: Amdahl's law through one core at the "
                        + "sequential speed and the measured point, serial fraction f = %.3f, throughput = "
                        + "1 / ((t + h) (f + (1 − f) / N)). Right if what was lost on %d cores is work only the caller "
                        + "can do (it cuts, sends and collects every chunk).", serial, k),
                "Both: N cores in total across machines, each as fast as one of this machine's cores; at least N "
                        + "items per map (chunk size 1), so every core has work; no member fails; the network is not "
                        + "saturated. One machine's two cores cannot tell which column is nearer the truth.");
        return new Projection(rows, assumptions, "a model, not a measurement: one measured point (" + k
                + " cores of one machine) extrapolated far beyond it, as a bracket");
    }
}
