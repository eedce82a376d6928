package org.mproc.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.html.ReportData.RatioRow;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Direction;

/**
 * mproc beside CPython per workload and core count, as measured in one run. The ratio is mproc's
 * speed relative to CPython fork's: items/s over items/s, or CPython's time per call over mproc's,
 * so above 1 means mproc is faster whatever the unit.
 */
final class RatioSection {
    private RatioSection() {}

    static List<RatioRow> rows(WorkloadResults w) {
        List<RatioRow> rows = new ArrayList<>();
        String unit = w.unit().orElse("");
        TreeSet<Integer> cores = new TreeSet<>();
        for (Role role : List.of(Role.MPROC, Role.CPYTHON_FORK, Role.CPYTHON_SPAWN)) {
            w.perCores(role).ifPresent(m -> cores.addAll(m.keySet()));
        }
        for (int k : cores) {
            Double mproc = mean(w, Role.MPROC, k, unit);
            Double fork = mean(w, Role.CPYTHON_FORK, k, unit);
            Double spawn = mean(w, Role.CPYTHON_SPAWN, k, unit);
            Double ratio = speedRatio(mproc, fork, unit);
            rows.add(new RatioRow(w.workload().title(), k, unit, mproc, fork, spawn, ratio, verdict(ratio, fork)));
        }
        return rows;
    }

    /** mproc's speed relative to {@code other}'s (above 1: mproc faster); null when either is missing. */
    static Double speedRatio(Double mproc, Double other, String unit) {
        if (mproc == null || other == null || unit.isEmpty()) {
            return null;
        }
        return Direction.ofUnit(unit) == Direction.HIGHER_IS_BETTER ? mproc / other : other / mproc;
    }

    static Double mean(WorkloadResults w, Role role, int cores, String unit) {
        Optional<BenchmarkResult> r = w.perCores(role).map(m -> m.get(cores));
        return r.map(x -> WorkloadResults.mean(x, unit).estimate()).orElse(null);
    }

    private static String verdict(Double ratio, Double fork) {
        if (ratio == null) {
            return fork == null ? "CPython not measured" : "mproc not measured";
        }
        return String.format(Locale.ROOT, ratio >= 1 ? "%.2f× CPython fork's speed" : "%.2f× CPython fork's speed (slower)", ratio);
    }

    /** The last core count at which a role was measured. */
    static Optional<Integer> maxCores(WorkloadResults w, Role role) {
        return w.perCores(role).map(SortedMap::lastKey);
    }
}
