package org.mproc.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much one fork of each benchmark differs from another of the same build on a machine,
 * measured by an A/A run (both sides one build): the pooled standard deviation, within each side,
 * of the logarithm of the fork scores — roughly the relative spread of a single fork. A benchmark's
 * threshold is then {@code max(floor, multiple × spread)}: the gate never calls a change smaller
 * than what this machine shows between identical builds.
 *
 * <pre>{@code
 * NoiseCalibration c = NoiseCalibration.measure(ForkSamples.load(aaRun), Map.of("commit", "09572db"));
 * c.write(Path.of("target/gate/calibration.json"));
 * AbJudge.Threshold t = NoiseCalibration.read(file).threshold(key, 0.10, 2.0);  // e.g. "2 × A/A spread 6.1%"
 * }</pre>
 *
 * @param spread     benchmark key → relative spread of one fork (0.05 = 5%)
 * @param provenance where the calibration came from: commit, date, machine, command, forks
 */
public record NoiseCalibration(Map<String, Double> spread, Map<String, String> provenance) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public NoiseCalibration {
        spread = Map.copyOf(new TreeMap<>(spread));
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        spread.forEach((k, v) -> {
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException(k + ": spread must be a finite fraction >= 0: " + v);
            }
        });
    }

    /** The spread of every benchmark of an A/A run. */
    public static NoiseCalibration measure(List<ForkSamples> aa, Map<String, String> provenance) {
        Map<String, Double> spread = new TreeMap<>();
        for (ForkSamples s : aa) {
            spread.put(s.key(), pooledLogSd(s));
        }
        return new NoiseCalibration(spread, provenance);
    }

    /** √(Σ squared deviations from each side's mean / (n_ref + n_head − 2)), on log scores. */
    static double pooledLogSd(ForkSamples s) {
        double squares = squaresAboutMean(s.ref()) + squaresAboutMean(s.head());
        int dof = s.ref().length + s.head().length - 2;
        return dof > 0 ? Math.sqrt(squares / dof) : 0;
    }

    private static double squaresAboutMean(double[] scores) {
        double mean = 0;
        for (double x : scores) {
            mean += Math.log(x);
        }
        mean /= scores.length;
        double sum = 0;
        for (double x : scores) {
            sum += (Math.log(x) - mean) * (Math.log(x) - mean);
        }
        return sum;
    }

    /** The threshold of one benchmark: the floor, or {@code multiple} × its spread when that is larger. */
    public AbJudge.Threshold threshold(String key, double floor, double multiple) {
        Double s = spread.get(key);
        if (s == null) {
            return new AbJudge.Threshold(floor, String.format(Locale.ROOT, "floor %.0f%% (not calibrated)", 100 * floor));
        }
        double scaled = multiple * s;
        if (scaled <= floor) {
            return new AbJudge.Threshold(floor, String.format(Locale.ROOT, "floor %.0f%% (A/A %.1f%%)", 100 * floor, 100 * s));
        }
        return new AbJudge.Threshold(scaled, String.format(Locale.ROOT, "%.3g × A/A %.1f%%", multiple, 100 * s));
    }

    public void write(Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode from = root.putObject("provenance");
        provenance.forEach(from::put);
        ObjectNode values = root.putObject("spread");
        spread.forEach(values::put);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".calibration", ".json");
        MAPPER.writeValue(temporary.toFile(), root);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a calibration written by {@link #write}; a malformed file throws, naming it. */
    public static NoiseCalibration read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !root.path("spread").isObject()) {
            throw new IllegalArgumentException(file + ": not a calibration (no \"spread\" object)");
        }
        Map<String, Double> spread = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("spread").properties()) {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(file + ": spread of " + e.getKey() + " is not a number");
            }
            spread.put(e.getKey(), e.getValue().asDouble());
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        root.path("provenance").properties().forEach(e -> provenance.put(e.getKey(), e.getValue().asText()));
        return new NoiseCalibration(spread, provenance);
    }
}
