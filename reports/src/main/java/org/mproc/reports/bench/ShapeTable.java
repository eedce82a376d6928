package org.mproc.reports.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;

/**
 * The start-shapes results as a text table on the console: per shape and child-option variant,
 * mproc's median, p10–p90 and mean, CPython spawn's median, and the ratio of the medians
 * (single-shot samples are skewed; the mean, JMH's score, is shown but not divided). Pairs
 * {@code org.mproc.reports.bench.StartShapes.<shape>} with {@code cpython.StartShapes.<shape>.spawn}
 * by shape and {@code program}.
 *
 * <p>A variant other than {@code default} also gets the median of its per-round differences to
 * {@code default}: the script runs every variant once per round, so the i-th samples of two
 * variants ran seconds apart, and a drift of the machine between rounds cancels out of the
 * difference.
 */
final class ShapeTable {
    private static final String ROW = "%-16s %-6s %-14s %30s %14s %7s %12s%n";

    private ShapeTable() {}

    static void print(Path mprocFile, Path cpythonFile, PrintStream out) throws IOException {
        List<BenchmarkResult> mproc = JmhJson.read(mprocFile);
        List<BenchmarkResult> cpython = cpythonFile == null ? List.of() : JmhJson.read(cpythonFile);
        out.printf(Locale.ROOT, ROW, "shape (ms)", "prog.", "flags", "mproc median (p10-p90) mean", "CPython spawn",
                "ratio", "Δ default");
        for (String shape : StartShapesJson.SHAPES.keySet()) {
            for (BenchmarkResult m : mproc) {
                if (m.benchmark().equals(StartShapesJson.PREFIX + shape)) {
                    out.printf(Locale.ROOT, ROW, row(shape, m, mproc, cpython));
                }
            }
        }
    }

    private static Object[] row(String shape, BenchmarkResult m, List<BenchmarkResult> mproc,
                                List<BenchmarkResult> cpython) {
        Optional<String> program = m.param("program");
        String flags = m.param("flags").orElse("default");
        Optional<BenchmarkResult> c = cpython.stream()
                .filter(r -> r.benchmark().equals("cpython.StartShapes." + shape + ".spawn") && r.param("program").equals(program))
                .findFirst();
        Optional<BenchmarkResult> base = flags.equals("default") ? Optional.empty() : mproc.stream()
                .filter(r -> r.benchmark().equals(m.benchmark()) && r.param("program").equals(program)
                        && r.param("flags").orElse("default").equals("default"))
                .findFirst();
        double median = median(m.samples());
        return new Object[] {shape, program.orElse("?"), flags,
            String.format(Locale.ROOT, "%.1f (%.1f-%.1f) %.1f", median, percentile(m.samples(), 10),
                    percentile(m.samples(), 90), m.score()),
            c.map(r -> String.format(Locale.ROOT, "%.1f", median(r.samples()))).orElse("-"),
            c.map(r -> String.format(Locale.ROOT, "%.2fx", median / median(r.samples()))).orElse("-"),
            base.flatMap(b -> pairedDifference(m.samples(), b.samples()))
                    .map(d -> String.format(Locale.ROOT, "%+.1f", d)).orElse("-")};
    }

    /** The median of a[i] − b[i], or nothing when the two do not have a sample per round each. */
    static Optional<Double> pairedDifference(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            return Optional.empty();
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return Optional.of(median(d));
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Linear interpolation between the closest ranks (numpy's default); the median of an even count is the midpoint. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double rank = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return s[lo] + (rank - lo) * (s[hi] - s[lo]);
    }
}
