package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;

/**
 * One run's raw results as the scripts leave them under an output directory (reports/out):
 * {@code jmh/k<k>.json} and {@code cpython/k<k>.json} (JMH's JSON shape, one file per core count),
 * {@code jmh/oversubscription.json} (more workers than cores), {@code env.json}, {@code scenarios/<id>.json}. Whatever is missing is simply absent here; the
 * report says "no data" for it.
 *
 * <pre>{@code
 * RunFiles run = RunFiles.load(Paths.get("reports/out"));
 * run.jmh().get(2);   // the JMH results of the run pinned to 2 cores
 * }</pre>
 */
public record RunFiles(Path directory, SortedResults jmh, SortedResults cpython, List<BenchmarkResult> oversubscription,
                       Optional<JsonNode> env, List<JsonNode> scenarios) {
    private static final Pattern PER_CORES = Pattern.compile("k(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Results per core count. */
    public static final class SortedResults extends TreeMap<Integer, List<BenchmarkResult>> {
        private static final long serialVersionUID = 1L;

        /** Every result of every core count, one list (keys differ by their {@code workers} param). */
        public List<BenchmarkResult> all() {
            List<BenchmarkResult> all = new ArrayList<>();
            values().forEach(all::addAll);
            return all;
        }
    }

    public static RunFiles load(Path directory) throws IOException {
        Path oversubscription = directory.resolve("jmh").resolve("oversubscription.json");
        return new RunFiles(directory, perCores(directory.resolve("jmh")), perCores(directory.resolve("cpython")),
                Files.isRegularFile(oversubscription) ? JmhJson.read(oversubscription) : List.of(),
                readIfPresent(directory.resolve("env.json")), scenarios(directory.resolve("scenarios")));
    }

    public boolean hasBenchmarks() {
        return !jmh.isEmpty() || !cpython.isEmpty();
    }

    private static SortedResults perCores(Path dir) throws IOException {
        SortedResults results = new SortedResults();
        if (!Files.isDirectory(dir)) {
            return results;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "k*.json")) {
            for (Path file : files) {
                Matcher m = PER_CORES.matcher(file.getFileName().toString());
                if (m.matches()) {
                    results.put(Integer.parseInt(m.group(1)), JmhJson.read(file));
                }
            }
        }
        return results;
    }

    private static Optional<JsonNode> readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
    }

    private static List<JsonNode> scenarios(Path dir) throws IOException {
        Map<String, JsonNode> byName = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path file : files) {
                    byName.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
                }
            }
        }
        return new ArrayList<>(byName.values());
    }
}
