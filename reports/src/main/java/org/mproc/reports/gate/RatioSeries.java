package org.mproc.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Direction;
import org.mproc.reports.stats.Units;

/**
 * A ratio measured within one run: how many times as fast a numerator benchmark is as a denominator
 * of the same params, as a synthetic {@link BenchmarkResult} named {@code ratio:<num>/<den>} in the
 * unit {@value Direction#RATIO_UNIT} (higher is better). The machine's speed cancels out of it, which
 * is why CI gates ratios rather than absolute times.
 *
 * <pre>{@code
 * RatioSeries vsForkJoin = RatioSeries.parse("MapScalingBenchmark.mproc/MapScalingBenchmark.forkJoin");
 * List<BenchmarkResult> ratios = vsForkJoin.apply(JmhJson.read(file));
 * // one result per params, e.g. ratio:MapScalingBenchmark.mproc/MapScalingBenchmark.forkJoin{grain=tiny, workers=2}
 * }</pre>
 *
 * Each ratio sample is one numerator iteration's rate over the denominator's mean rate (rates in
 * ops/s, so time units are inverted and mixed units convert): the samples carry the numerator's
 * noise, the denominator is taken as its mean, as the gate's t-test needs one sample per iteration.
 * Names match a result's full benchmark name or its {@code Class.method}. The denominator is the
 * one with exactly the numerator's params, else the only one whose params are a subset of them
 * (a sequential baseline without {@code workers}). A numerator without a denominator gives no ratio.
 */
public record RatioSeries(String numerator, String denominator) {
    public static final String PREFIX = "ratio:";

    public RatioSeries {
        if (numerator == null || numerator.isBlank() || denominator == null || denominator.isBlank()) {
            throw new IllegalArgumentException("a ratio needs a numerator and a denominator: " + numerator + "/" + denominator);
        }
    }

    /** Parses {@code numerator/denominator}. */
    public static RatioSeries parse(String spec) {
        int slash = spec.indexOf('/');
        if (slash < 0 || spec.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("expected <numerator>/<denominator>: " + spec);
        }
        return new RatioSeries(spec.substring(0, slash).trim(), spec.substring(slash + 1).trim());
    }

    /** The benchmark name of the synthetic results: {@code ratio:<num>/<den>}. */
    public String name() {
        return PREFIX + numerator + "/" + denominator;
    }

    /** This ratio for every numerator in {@code run} that has a denominator. */
    public List<BenchmarkResult> apply(List<BenchmarkResult> run) {
        List<BenchmarkResult> ratios = new ArrayList<>();
        for (BenchmarkResult num : run) {
            if (num.isNamed(numerator)) {
                denominatorOf(num, run).ifPresent(den -> ratios.add(ratio(num, den)));
            }
        }
        return ratios;
    }

    /** Every ratio of every series, in order. */
    public static List<BenchmarkResult> applyAll(List<BenchmarkResult> run, List<RatioSeries> series) {
        List<BenchmarkResult> all = new ArrayList<>();
        series.forEach(s -> all.addAll(s.apply(run)));
        return all;
    }

    private Optional<BenchmarkResult> denominatorOf(BenchmarkResult num, List<BenchmarkResult> run) {
        List<BenchmarkResult> named = run.stream().filter(r -> r.isNamed(denominator)).toList();
        Optional<BenchmarkResult> exact = named.stream().filter(r -> r.params().equals(num.params())).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<BenchmarkResult> subsets = named.stream()
                .filter(r -> num.params().entrySet().containsAll(r.params().entrySet())).toList();
        return subsets.size() == 1 ? Optional.of(subsets.get(0)) : Optional.empty();
    }

    private BenchmarkResult ratio(BenchmarkResult num, BenchmarkResult den) {
        double denRate = Units.toOpsPerSecond(mean(den.samples()), den.unit());
        List<List<Double>> forks = new ArrayList<>();
        boolean noRawData = num.rawData().stream().allMatch(List::isEmpty);
        List<List<Double>> source = noRawData ? List.of(List.of(num.score())) : num.rawData();
        double sum = 0;
        int n = 0;
        for (List<Double> fork : source) {
            List<Double> ratios = new ArrayList<>();
            for (double x : fork) {
                double r = Units.toOpsPerSecond(x, num.unit()) / denRate;
                ratios.add(r);
                sum += r;
                n++;
            }
            forks.add(ratios);
        }
        return new BenchmarkResult(name(), num.mode(), num.params(), sum / n, Double.NaN, Direction.RATIO_UNIT, forks);
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }
}
