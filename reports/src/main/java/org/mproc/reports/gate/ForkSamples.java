package org.mproc.reports.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;

/**
 * One benchmark's per-fork scores from an A/B run, both sides in the same unit: the ref's forks
 * and head's, each fork's score being JMH's mean over that fork's measured iterations. Forks are
 * the independent units of an A/B run — iterations within a fork share its JIT decisions, its
 * heap layout and its core placement — so the gate compares forks, never iterations.
 *
 * <pre>{@code
 * // reports/out/gate/ref/fork-1.json, head/fork-1.json, ref/fork-2.json, …, as scripts/gate writes them
 * for (ForkSamples s : ForkSamples.load(Path.of("reports/out/gate"))) {
 *     System.out.println(s.key() + ": " + s.ref().length + " forks against " + s.head().length);
 * }
 * }</pre>
 */
public record ForkSamples(String key, String unit, double[] ref, double[] head) {
    public static final String REF = "ref";
    public static final String HEAD = "head";

    public ForkSamples {
        if (ref.length == 0 || head.length == 0) {
            throw new IllegalArgumentException(key + ": no forks on the " + (ref.length == 0 ? REF : HEAD) + " side");
        }
        ref = ref.clone();
        head = head.clone();
    }

    @Override
    public double[] ref() {
        return ref.clone();
    }

    @Override
    public double[] head() {
        return head.clone();
    }

    /**
     * Reads {@code dir/ref/fork-*.json} and {@code dir/head/fork-*.json}; every benchmark key must
     * be on both sides, in one unit, else {@link IllegalArgumentException} names the keys.
     */
    public static List<ForkSamples> load(Path dir) throws IOException {
        Map<String, List<BenchmarkResult>> ref = side(dir.resolve(REF));
        Map<String, List<BenchmarkResult>> head = side(dir.resolve(HEAD));
        TreeSet<String> onlyRef = new TreeSet<>(ref.keySet());
        onlyRef.removeAll(head.keySet());
        TreeSet<String> onlyHead = new TreeSet<>(head.keySet());
        onlyHead.removeAll(ref.keySet());
        if (!onlyRef.isEmpty() || !onlyHead.isEmpty()) {
            throw new IllegalArgumentException("benchmarks missing on one side:"
                    + (onlyRef.isEmpty() ? "" : " only in " + REF + ": " + onlyRef)
                    + (onlyHead.isEmpty() ? "" : " only in " + HEAD + ": " + onlyHead));
        }
        List<ForkSamples> samples = new ArrayList<>();
        for (String key : ref.keySet()) {
            samples.add(of(key, ref.get(key), head.get(key)));
        }
        return samples;
    }

    private static ForkSamples of(String key, List<BenchmarkResult> ref, List<BenchmarkResult> head) {
        String unit = ref.get(0).unit();
        for (BenchmarkResult r : Stream.concat(ref.stream(), head.stream()).toList()) {
            if (!r.unit().equals(unit)) {
                throw new IllegalArgumentException(key + ": units differ between forks (" + unit + " and " + r.unit() + ")");
            }
        }
        return new ForkSamples(key, unit, scores(ref), scores(head));
    }

    private static double[] scores(List<BenchmarkResult> forks) {
        return forks.stream().mapToDouble(BenchmarkResult::score).toArray();
    }

    /** Key → one result per fork file, in fork order; a file with the same key twice is refused. */
    private static Map<String, List<BenchmarkResult>> side(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no " + dir.getFileName() + " side: " + dir + " is not a directory");
        }
        Map<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path f : entries.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("fork-\\d+\\.json")) {
                    files.put(Integer.parseInt(name.substring(5, name.length() - 5)), f);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no fork-<n>.json under " + dir);
        }
        Map<String, List<BenchmarkResult>> byKey = new LinkedHashMap<>();
        for (Path f : files.values()) {
            TreeSet<String> seen = new TreeSet<>();
            for (BenchmarkResult r : JmhJson.read(f)) {
                if (!seen.add(r.key())) {
                    throw new IllegalArgumentException(f + " has " + r.key() + " twice");
                }
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
        return byKey;
    }
}
