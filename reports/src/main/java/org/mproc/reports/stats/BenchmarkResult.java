package org.mproc.reports.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON file (or of CPython's file in the same shape): a benchmark, its
 * parameters, its score and the raw iteration scores per fork. The score and every raw value are
 * finite; only {@code scoreError} may be NaN (JMH writes "NaN" for a single iteration), and
 * {@link #error()} hides that behind an {@link OptionalDouble}. Parameters are strings, exactly as
 * JMH writes them, held in an unmodifiable map iterated in name order.
 *
 * <pre>{@code
 * BenchmarkResult r = new BenchmarkResult("org.mproc.reports.bench.MapScalingBenchmark.mproc", "thrpt",
 *         Map.of("grain", "tiny", "workers", "2"), 120.0, Double.NaN, "ops/s",
 *         List.of(List.of(110.0, 130.0), List.of(120.0)));
 * r.simpleName();       // "MapScalingBenchmark.mproc"
 * r.samples();          // [110.0, 130.0, 120.0]
 * r.direction();        // HIGHER_IS_BETTER
 * r.param("workers");   // Optional["2"]
 * r.key();              // "org.mproc.reports.bench.MapScalingBenchmark.mproc{grain=tiny, workers=2}"
 * }</pre>
 *
 * @param rawData iteration scores, one list per fork; empty when the file had none
 */
public record BenchmarkResult(String benchmark, String mode, Map<String, String> params,
                              double score, double scoreError, String unit, List<List<Double>> rawData) {

    public BenchmarkResult {
        if (benchmark == null || benchmark.isBlank()) {
            throw new IllegalArgumentException("benchmark name is missing");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(benchmark + ": score is not finite: " + score);
        }
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException(benchmark + ": unit is missing");
        }
        mode = mode == null ? "" : mode;
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Map.of() : params));
        List<List<Double>> forks = new ArrayList<>();
        for (List<Double> fork : rawData == null ? List.<List<Double>>of() : rawData) {
            for (Double v : fork) {
                if (v == null || !Double.isFinite(v)) {
                    throw new IllegalArgumentException(benchmark + ": raw iteration score is not finite: " + v);
                }
            }
            forks.add(List.copyOf(fork));
        }
        rawData = List.copyOf(forks);
    }

    /** Which way this score improves, from its unit; an unknown unit throws, naming it. */
    public Direction direction() {
        return Direction.ofUnit(unit);
    }

    /** Every raw iteration score, forks in order; the score alone when the file had no raw data. */
    public double[] samples() {
        double[] all = rawData.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        return all.length == 0 ? new double[] {score} : all;
    }

    /** The score error when it is a number; empty for JMH's "NaN" (a single iteration). */
    public OptionalDouble error() {
        return Double.isFinite(scoreError) ? OptionalDouble.of(scoreError) : OptionalDouble.empty();
    }

    /** The last two dot-separated parts: class and method, e.g. {@code MapScalingBenchmark.mproc}. */
    public String simpleName() {
        int last = benchmark.lastIndexOf('.');
        int previous = last <= 0 ? -1 : benchmark.lastIndexOf('.', last - 1);
        return benchmark.substring(previous + 1);
    }

    /** One parameter's value as JMH wrote it. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The identity of this result within a run: the benchmark and its sorted parameters. */
    public String key() {
        return params.isEmpty() ? benchmark : benchmark + params;
    }

    /** True when this names {@code name}: its full benchmark name or its {@link #simpleName()}. */
    public boolean isNamed(String name) {
        return benchmark.equals(name) || simpleName().equals(name);
    }
}
