package org.mproc.reports.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's {@code -rf json} output, and CPython's file in the same shape, into
 * {@link BenchmarkResult}s, in file order. It is lenient where JMH and Python differ and strict
 * where a number would be wrong; every error names the source, the entry's index and benchmark,
 * and the field.
 *
 * <pre>{@code
 * List<BenchmarkResult> run = JmhJson.read(Path.of("reports/out/jmh/k2.json"));
 * List<BenchmarkResult> same = JmhJson.parse(Files.readString(file), file.toString());
 * }</pre>
 *
 * <ul>
 * <li>Required: {@code benchmark}, {@code primaryMetric.score} (finite), {@code primaryMetric.scoreUnit}.</li>
 * <li>Optional: {@code mode} (""), {@code params} (none; numbers and booleans are kept as their
 *     text), {@code scoreError} (NaN), {@code rawData} (none: {@link BenchmarkResult#samples()} then
 *     falls back to the score). Every other field ({@code threads}, {@code jvm}, {@code scoreConfidence},
 *     {@code secondaryMetrics}, …) is ignored.</li>
 * <li>Numbers may be JSON numbers or strings: {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"},
 *     {@code "1.5"}; bare {@code NaN}/{@code Infinity} tokens (Python's {@code json.dump}) are accepted too.</li>
 * <li>SampleTime results carry {@code rawDataHistogram} (per fork, per iteration, {@code [value, count]}
 *     pairs) instead of {@code rawData}. Each iteration's histogram is reduced to its count-weighted
 *     mean, which is the iteration score JMH itself reports for SampleTime; expanding every sample
 *     would make thousands of samples per iteration, and the gate's t-test would then treat the
 *     within-iteration samples as independent runs. {@code rawData} wins when both are present.</li>
 * </ul>
 */
public final class JmhJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JmhJson() {}

    /** Reads a file; a malformed one throws {@link JmhJsonException} naming it. */
    public static List<BenchmarkResult> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses JSON text; {@code source} names it in error messages (a file name, "baseline", …). */
    public static List<BenchmarkResult> parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JmhJsonException(source + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new JmhJsonException(source + ": empty file (did the benchmark run fail?)");
        }
        if (!root.isArray()) {
            throw new JmhJsonException(source + ": expected a JSON array of results, found " + root.getNodeType());
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            results.add(entry(root.get(i), new Where(source, i, root.get(i).path("benchmark").asText("?"))));
        }
        return results;
    }

    private static BenchmarkResult entry(JsonNode e, Where where) {
        if (!e.isObject()) {
            throw where.error("", "expected an object, found " + e.getNodeType());
        }
        String benchmark = text(e, "benchmark", "benchmark", where);
        JsonNode metric = e.path("primaryMetric");
        if (!metric.isObject()) {
            throw where.error("primaryMetric", "is missing");
        }
        double score = JsonNumbers.number(metric.path("score"), "primaryMetric.score", where);
        if (!Double.isFinite(score)) {
            throw where.error("primaryMetric.score", "is not finite: " + score);
        }
        JsonNode errorNode = metric.path("scoreError");
        double error = errorNode.isMissingNode() || errorNode.isNull()
                ? Double.NaN : JsonNumbers.number(errorNode, "primaryMetric.scoreError", where);
        String unit = text(metric, "scoreUnit", "primaryMetric.scoreUnit", where);
        List<List<Double>> raw = metric.has("rawData")
                ? JsonNumbers.rawData(metric.get("rawData"), where)
                : JsonNumbers.histogramMeans(metric.path("rawDataHistogram"), where);
        try {
            return new BenchmarkResult(benchmark, e.path("mode").asText(""), params(e.path("params"), where),
                    score, error, unit, raw);
        } catch (IllegalArgumentException bad) {
            throw where.error("", bad.getMessage());
        }
    }

    private static Map<String, String> params(JsonNode node, Where where) {
        Map<String, String> params = new TreeMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw where.error("params", "expected an object, found " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                throw where.error("params." + f.getKey(), "expected a string, found " + f.getValue().getNodeType());
            }
            params.put(f.getKey(), f.getValue().asText());
        }
        return params;
    }

    private static String text(JsonNode parent, String field, String path, Where where) {
        JsonNode n = parent.path(field);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw where.error(path, n.isMissingNode() ? "is missing" : "expected a non-empty string, found " + n);
        }
        return n.asText();
    }

    /** Where in which file: formats the messages of {@link JmhJsonException}. */
    record Where(String source, int index, String benchmark) {
        JmhJsonException error(String field, String problem) {
            return new JmhJsonException(source + ": entry " + index + " (" + benchmark + ")"
                    + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
        }
    }
}
