package org.mproc.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.Workload.Series;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Bootstrap;
import org.mproc.reports.stats.Interval;
import org.mproc.reports.stats.Units;

/**
 * A workload's results picked out of one run: for each of its series, the result per core count.
 * Means and intervals are in the result's own unit (items/s, µs/op…), from every iteration.
 */
final class WorkloadResults {
    private static final double CONFIDENCE = 0.95;
    private static final long SEED = 7L;

    private final Workload workload;
    private final Map<Series, SortedMap<Integer, BenchmarkResult>> bySeries = new java.util.LinkedHashMap<>();

    WorkloadResults(Workload workload, RunFiles run) {
        this.workload = workload;
        for (Series s : workload.series()) {
            SortedMap<Integer, BenchmarkResult> perCores = new TreeMap<>();
            (s.python() ? run.cpython() : run.jmh()).forEach((cores, results) -> results.stream()
                    .filter(r -> workload.matches(s, r))
                    .filter(r -> r.param("workers").map(w -> w.equals(String.valueOf(cores))).orElse(true))
                    .findFirst().ifPresent(r -> perCores.put(cores, r)));
            bySeries.put(s, perCores);
        }
    }

    Workload workload() {
        return workload;
    }

    SortedMap<Integer, BenchmarkResult> perCores(Series s) {
        return bySeries.getOrDefault(s, new TreeMap<>());
    }

    Optional<SortedMap<Integer, BenchmarkResult>> perCores(Role role) {
        return workload.series(role).map(this::perCores).filter(m -> !m.isEmpty());
    }

    /** Nothing measured but, at most, the shared floor: the workload is not in this run. */
    boolean empty() {
        return bySeries.entrySet().stream().allMatch(e -> e.getKey().role() == Role.FLOOR || e.getValue().isEmpty());
    }

    /** The unit the charts use: the MPROC series' unit, else the first found. */
    Optional<String> unit() {
        return bySeries.values().stream().flatMap(m -> m.values().stream()).map(BenchmarkResult::unit).findFirst();
    }

    /** Every result of a role across core counts (the sequential candidates). */
    List<BenchmarkResult> all(Role role) {
        return perCores(role).map(m -> new ArrayList<>(m.values())).orElseGet(ArrayList::new);
    }

    /** The mean of a result's iterations with its bootstrap interval, in {@code unit}. */
    static Interval mean(BenchmarkResult r, String unit) {
        Interval i = Bootstrap.meanInterval(r.samples(), CONFIDENCE, SEED, Bootstrap.DEFAULT_RESAMPLES);
        return r.unit().equals(unit) ? i : i.map(v -> Units.rescale(v, r.unit(), unit));
    }
}
