package org.mproc.reports.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Turns the samples of {@code scripts/bench-start-shapes} — one JSON line per parent JVM, as
 * {@link StartShapes} prints it plus what the script adds ({@code wholeProgram}, the parent's wall
 * time from outside; {@code wholeProgramCpu}, the CPU time of the parent and its children; and
 * {@code flags}, the child-option variant) — into JMH's JSON, statistics by
 * JMH's own {@link ListStatistics}: one entry per (flags, program, shape), benchmark
 * {@code org.mproc.reports.bench.StartShapes.<shape>}, params {@code program} and {@code flags},
 * mode {@code ss}, unit ms/op, and each parent JVM a fork of one iteration in {@code rawData}.
 *
 * <pre>
 *   java -cp reports/target/benchmarks.jar org.mproc.reports.bench.StartShapesJson \
 *       mproc.jsonl mproc.json [cpython.json]
 * </pre>
 *
 * With CPython's file ({@code cpython.StartShapes.<shape>.spawn}, written by
 * {@code scripts/cpython/start_shapes.py}) it also prints the two side by side ({@link ShapeTable}).
 */
public final class StartShapesJson {
    /** The shapes in the order the table shows them, with the program that measures each. */
    static final Map<String, String> SHAPES = shapes();
    static final String PREFIX = "org.mproc.reports.bench.StartShapes.";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StartShapesJson() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: StartShapesJson <samples.jsonl> <out.json> [<cpython.json>]");
            System.exit(2);
        }
        ArrayNode results = write(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        Path out = Path.of(args[1]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), results);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + results.size() + " results to " + out);
        ShapeTable.print(out, args.length == 3 ? Path.of(args[2]) : null, System.out);
    }

    /** The JMH-shaped results of the sample lines (blank lines skipped). */
    static ArrayNode write(List<String> lines) throws IOException {
        Map<List<String>, List<Double>> samples = new LinkedHashMap<>();
        Map<List<String>, JsonNode> firstLine = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode sample = MAPPER.readTree(line);
            String program = sample.path("program").asText();
            String flags = sample.path("flags").asText("default");
            for (Map.Entry<String, String> shape : SHAPES.entrySet()) {
                boolean whole = shape.getKey().startsWith("wholeProgram");
                if ((whole || shape.getValue().equals(program)) && sample.has(shape.getKey())) {
                    List<String> key = List.of(flags, program, shape.getKey());
                    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(sample.get(shape.getKey()).asDouble());
                    firstLine.putIfAbsent(key, sample);
                }
            }
        }
        ArrayNode results = MAPPER.createArrayNode();
        for (Map.Entry<List<String>, List<Double>> e : samples.entrySet()) {
            results.add(entry(e.getKey(), e.getValue(), firstLine.get(e.getKey())));
        }
        return results;
    }

    private static ObjectNode entry(List<String> key, List<Double> values, JsonNode vm) {
        ListStatistics stats = new ListStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
        ObjectNode r = MAPPER.createObjectNode();
        r.put("benchmark", PREFIX + key.get(2));
        r.put("mode", "ss");
        r.put("threads", 1);
        r.put("forks", values.size());
        r.put("jvm", vm.path("jvm").asText(null));
        ArrayNode jvmArgs = r.putArray("jvmArgs");
        String childOptions = vm.path("childJvmOptions").asText("");
        if (!childOptions.isEmpty()) {
            jvmArgs.add("-Dmproc.childJvmOptions=" + childOptions);
        }
        r.put("jdkVersion", vm.path("jdkVersion").asText(null));
        r.put("vmName", vm.path("vmName").asText(null));
        r.put("vmVersion", vm.path("vmVersion").asText(null));
        r.put("warmupIterations", 0);
        r.put("warmupTime", "single-shot");
        r.put("warmupBatchSize", 1);
        r.put("measurementIterations", 1);
        r.put("measurementTime", "single-shot");
        r.put("measurementBatchSize", 1);
        r.putObject("params").put("program", key.get(1)).put("flags", key.get(0));
        ObjectNode metric = r.putObject("primaryMetric");
        double error = stats.getN() <= 2 ? Double.NaN : stats.getMeanErrorAt(0.999);
        metric.put("score", stats.getMean());
        metric.put("scoreError", error);
        metric.putArray("scoreConfidence").add(stats.getMean() - error).add(stats.getMean() + error);
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (double p : new double[] {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0}) {
            percentiles.put(Double.toString(p), stats.getPercentile(p));
        }
        metric.put("scoreUnit", "ms/op");
        ArrayNode raw = metric.putArray("rawData");
        values.forEach(v -> raw.addArray().add(v));
        r.putObject("secondaryMetrics");
        return r;
    }

    private static Map<String, String> shapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("firstChild", "child");
        shapes.put("steadyChild", "child");
        shapes.put("poolFirstResult", "pool");
        shapes.put("poolAllResults", "pool");
        shapes.put("poolClose", "pool");
        shapes.put("wholeProgram", "child and pool");
        shapes.put("wholeProgramCpu", "child and pool");
        return shapes;
    }
}
