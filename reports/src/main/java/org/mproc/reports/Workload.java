package org.mproc.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mproc.reports.stats.BenchmarkResult;

/**
 * One workload of the scaling suite and where its series live in the JMH and CPython results: the
 * benchmark names (JMH's class.method, CPython's {@code cpython.<Class>.<method>}) and the params
 * that select it (a grain). {@code scales} says whether speedup per core count means anything for it
 * (a map does; a round trip between two processes does not).
 *
 * @param series   display name → benchmark name, in legend order; names starting with
 *                 {@code cpython.} are looked up in CPython's results, the others in JMH's
 * @param baselines the series drawn as references (sequential, ForkJoinPool)
 */
public record Workload(String id, String title, Map<String, String> params, List<Series> series, boolean scales,
                       String note) {
    /** A line of a workload's charts. */
    public record Series(String name, String benchmark, Role role) {
        public boolean python() {
            return benchmark.startsWith("cpython.");
        }
    }

    /** What a series is to the workload. */
    public enum Role { MPROC, JAVA_BASELINE, JAVA_SEQUENTIAL, FLOOR, CPYTHON_FORK, CPYTHON_SPAWN, CPYTHON_SEQUENTIAL }

    public Optional<Series> series(Role role) {
        return series.stream().filter(s -> s.role() == role).findFirst();
    }

    /** Whether {@code r} is this series' result for this workload (params beyond {@link #params} may differ). */
    public boolean matches(Series s, BenchmarkResult r) {
        if (!(r.benchmark().equals(s.benchmark()) || r.benchmark().endsWith("." + s.benchmark()))) {
            return false;
        }
        return params.entrySet().stream().allMatch(p -> r.param(p.getKey()).map(p.getValue()::equals).orElse(false));
    }
}
