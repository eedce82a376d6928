package org.mproc.reports.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic JMH results for tests: iteration scores drawn around a mean with Gaussian noise of a
 * given relative standard deviation, and the JMH JSON text of any results, so the gate and the fits
 * are tested through the same parser the real files go through.
 */
public final class Synthetic {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Synthetic() {}

    /** A result whose {@code forks × iterations} raw scores are {@code mean · (1 + relSd · N(0,1))}. */
    public static BenchmarkResult noisy(String benchmark, String unit, Map<String, String> params, double mean,
                                        double relSd, int forks, int iterations, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Double>> raw = new ArrayList<>();
        double sum = 0;
        for (int f = 0; f < forks; f++) {
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                double x = mean * (1 + relSd * gaussian(random));
                fork.add(x);
                sum += x;
            }
            raw.add(fork);
        }
        String mode = Units.isRate(unit) ? "thrpt" : "avgt";
        return new BenchmarkResult(benchmark, mode, params, sum / (forks * iterations), Double.NaN, unit, raw);
    }

    /** Every raw score (and the score) multiplied by {@code factor}: an injected change. */
    public static BenchmarkResult scaled(BenchmarkResult r, double factor) {
        List<List<Double>> raw = r.rawData().stream().map(f -> f.stream().map(x -> x * factor).toList()).toList();
        return new BenchmarkResult(r.benchmark(), r.mode(), r.params(), r.score() * factor, r.scoreError(), r.unit(), raw);
    }

    /** The results in JMH's {@code -rf json} shape ("NaN" as a string, as JMH writes it). */
    public static String json(List<BenchmarkResult> results) {
        ArrayNode root = MAPPER.createArrayNode();
        for (BenchmarkResult r : results) {
            ObjectNode e = root.addObject();
            e.put("jmhVersion", "1.37");
            e.put("benchmark", r.benchmark());
            e.put("mode", r.mode());
            e.put("threads", 1);
            e.put("forks", r.rawData().size());
            ObjectNode params = e.putObject("params");
            r.params().forEach(params::put);
            ObjectNode metric = e.putObject("primaryMetric");
            metric.put("score", r.score());
            if (Double.isFinite(r.scoreError())) {
                metric.put("scoreError", r.scoreError());
            } else {
                metric.put("scoreError", "NaN");
            }
            metric.put("scoreUnit", r.unit());
            ArrayNode raw = metric.putArray("rawData");
            for (List<Double> fork : r.rawData()) {
                ArrayNode iterations = raw.addArray();
                fork.forEach(iterations::add);
            }
            e.putObject("secondaryMetrics");
        }
        return root.toPrettyString();
    }

    static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
