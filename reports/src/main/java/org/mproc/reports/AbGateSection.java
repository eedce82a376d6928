package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mproc.reports.html.ReportData;

/**
 * The last {@code scripts/gate} run in the report: its {@code gate.json} (written by
 * {@code AbGateMain}) as the gate section's table — per benchmark the medians, head's change in
 * time per operation with its interval, the threshold and the verdict.
 */
final class AbGateSection {
    static final String FILE = "gate.json";
    private static final List<String> COLUMNS =
            List.of("benchmark", "forks", "ref", "head", "unit", "change [interval]", "threshold", "verdict", "note");

    private AbGateSection() {}

    /** The gate section from {@code dir/gate.json}, or empty when there is none; a malformed file throws, naming it. */
    static Optional<ReportData.Gate> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.path("rows").isArray()) {
            throw new IllegalArgumentException(file + ": not a gate result (no \"rows\" array)");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean regressed = false;
        for (JsonNode r : root.path("rows")) {
            String verdict = r.path("verdict").asText();
            regressed |= "REGRESSED".equals(verdict);
            rows.add(List.of(r.path("benchmark").asText().replace("org.mproc.reports.bench.", ""),
                    r.path("refForks").asInt() + "+" + r.path("headForks").asInt(),
                    number(r.path("refMedian").asDouble()), number(r.path("headMedian").asDouble()), r.path("unit").asText(),
                    change(r), String.format(Locale.ROOT, "±%.1f%% (%s)", 100 * r.path("threshold").asDouble(),
                            r.path("thresholdSource").asText()), verdict, r.path("note").asText()));
        }
        String summary = root.path("head").asText() + " against " + root.path("ref").asText() + ": "
                + root.path("summary").asText() + " (" + file + ")";
        return Optional.of(new ReportData.Gate(summary, regressed, COLUMNS, rows));
    }

    private static String change(JsonNode r) {
        String estimate = percent(r.path("change").asDouble());
        if (r.path("lower").isNull() || r.path("lower").isMissingNode()) {
            return estimate + " [no interval]";
        }
        return String.format(Locale.ROOT, "%s [%s, %s] @%.1f%%", estimate, percent(r.path("lower").asDouble()),
                percent(r.path("upper").asDouble()), 100 * r.path("confidence").asDouble());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
