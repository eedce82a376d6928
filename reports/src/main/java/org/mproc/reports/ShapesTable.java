package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.mproc.reports.html.ReportData.ShapeRow;

/**
 * Prints the "shapes users write" of one run as the Markdown table the README quotes: each shape,
 * mproc's figure, its CPython twin's, the ratio, the goal and the verdict, as the report's section
 * has them ({@link ShapesSection}). A run directory holds {@code shapes/} as
 * {@code scripts/bench-shapes --out DIR} writes it; the mode (full or quick) is read from
 * {@code shapes/start/env.json}, and only a full run decides goals. A {@code provenance.json} beside
 * {@code shapes/} (commit, command, date), as a recorded run in the repository has, heads the table.
 *
 * <pre>
 *   scripts/shapes-table reports/recorded/shapes-full
 * </pre>
 */
public final class ShapesTable {
    private ShapesTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: scripts/shapes-table <run directory holding shapes/>");
            System.exit(2);
        }
        Path run = Paths.get(args[0]);
        if (!Files.isDirectory(run.resolve(ShapesSection.DIRECTORY))) {
            System.err.println("error: " + run.resolve(ShapesSection.DIRECTORY) + " is not a directory"
                    + " (scripts/bench-shapes --out " + run + " writes it)");
            System.exit(2);
        }
        print(run, System.out);
    }

    static void print(Path run, PrintStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode env = readIfPresent(json, run.resolve(ShapesSection.DIRECTORY).resolve("start").resolve("env.json"));
        JsonNode provenance = readIfPresent(json, run.resolve("provenance.json"));
        boolean full = env != null && "full".equals(env.path("mode").asText());
        if (provenance != null) {
            out.printf("Recorded run: commit %s, %s, `%s`%n%n", provenance.path("commit").asText("?"),
                    provenance.path("date").asText("?"), provenance.path("command").asText("?"));
        }
        if (env != null) {
            out.printf("Machine: %s, %d cores, %s, %s; mode %s%n%n", env.path("cpuModel").asText("?"),
                    env.path("cores").asInt(), env.path("jdk").asText("?"), env.path("python").asText("no python"),
                    env.path("mode").asText("?"));
        }
        if (!full) {
            out.println("A quick run (or one whose mode is unknown): a smoke run, no goal is decided.");
            out.println();
        }
        List<ShapeRow> rows = ShapesSection.rows(ShapesSection.load(run), full);
        out.println("| shape | mproc | CPython | unit | ratio | goal | verdict |");
        out.println("|---|---|---|---|---|---|---|");
        for (ShapeRow r : rows) {
            out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", r.shape(), number(r.mproc()), number(r.other()), r.unit(),
                    r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f×", r.ratio()), r.goal(), r.verdict());
        }
    }

    private static JsonNode readIfPresent(ObjectMapper json, Path file) throws IOException {
        return Files.isRegularFile(file) ? json.readTree(file.toFile()) : null;
    }

    /** Three significant figures, grouped thousands: what a reader compares. */
    static String number(Double v) {
        if (v == null) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
