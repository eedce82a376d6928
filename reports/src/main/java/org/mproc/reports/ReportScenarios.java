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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mproc.reports.html.ReportData.Coverage;
import org.mproc.reports.html.ReportData.OutcomeRow;
import org.mproc.reports.html.ReportData;

/**
 * The harness's side of the report: scenario tables from {@code scenarios/<id>.json} (schema 1,
 * see {@code org.mproc.harness.ResultJson}) and guarantee coverage from the
 * {@code target/guarantee-coverage.json} files {@code mvn verify} leaves in each module.
 */
final class ReportScenarios {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportScenarios() {}

    /**
     * The scenario tables, each with CPython's runs of it beside (G-HAR-7) when {@code cpython}, the
     * run's {@code scenarios-cpython} directory, holds them: {@code <fork|spawn>/<id>.json} and
     * {@code status.json}. A null or absent directory means no CPython run: nothing is shown.
     */
    static List<ReportData.Scenario> scenarios(List<JsonNode> results, Path cpython) throws IOException {
        Optional<JsonNode> status = cpython == null ? Optional.empty() : read(cpython.resolve("status.json"));
        List<ReportData.Scenario> rows = new ArrayList<>();
        for (JsonNode r : results) {
            checkSchema(r);
            String id = r.path("id").asText();
            List<ReportData.Implementation> others = new ArrayList<>();
            String note = null;
            if (status.isPresent() && !status.get().path("available").asBoolean()) {
                note = "CPython: " + status.get().path("reason").asText("python3 not found") + ", CPython columns skipped";
            } else if (status.isPresent()) {
                List<String> otherProfile = new ArrayList<>();
                for (String method : List.of("fork", "spawn")) {
                    Optional<JsonNode> c = read(cpython.resolve(method).resolve(id.toLowerCase(Locale.ROOT) + ".json"));
                    if (c.isPresent() && !c.get().path("profile").asText().equals(r.path("profile").asText())) {
                        otherProfile.add("CPython " + method + "'s result is of profile " + c.get().path("profile").asText()
                                + ", mproc's of " + r.path("profile").asText());
                    } else if (c.isPresent()) {
                        checkSchema(c.get());
                        others.add(new ReportData.Implementation("CPython " + method, c.get().path("verdict").asText(),
                                c.get().path("trials").asInt(), c.get().path("actualMs").asLong(), outcomes(c.get()), failures(c.get())));
                    }
                }
                note = !otherProfile.isEmpty() ? String.join("; ", otherProfile) + ": not shown (run both with the same profile)"
                        : others.isEmpty() ? "no CPython program for this scenario (scenarios/cpython/README.md says why)"
                        : "CPython " + status.get().path("pythonVersion").asText() + " beside mproc, graded by the same table:"
                        + " a FORBIDDEN outcome in a CPython column is a finding about CPython, not a failure of the run";
            }
            rows.add(new ReportData.Scenario(id, r.path("title").asText(), r.path("verdict").asText(),
                    r.path("profile").asText(), r.path("trials").asInt(), r.path("budgetMs").asLong(),
                    r.path("actualMs").asLong(), outcomes(r), failures(r), others, note));
        }
        return rows;
    }

    /** A failure's shrink (G-HAR-6, the optional {@code shrink} object of schema 1) as one line, if there is one. */
    static Optional<String> shrinkLine(JsonNode shrink) {
        if (!shrink.isObject()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        shrink.path("notes").forEach(n -> notes.add(n.asText()));
        if (shrink.path("replay").isTextual()) {
            return Optional.of("SHRUNK: " + shrink.path("original").toString() + " → " + shrink.path("shrunk").toString()
                    + " (" + String.join("; ", notes) + "); replay: " + shrink.path("replay").asText());
        }
        return Optional.of("NOT SHRUNK: " + String.join("; ", notes));
    }

    private static void checkSchema(JsonNode r) {
        if (r.path("schemaVersion").asInt() != 1) {
            throw new IllegalArgumentException("scenario result " + r.path("id").asText("?") + " has schema version "
                    + r.path("schemaVersion").asText("none") + "; this report reads version 1");
        }
    }

    private static List<OutcomeRow> outcomes(JsonNode r) {
        List<OutcomeRow> outcomes = new ArrayList<>();
        r.path("outcomes").forEach(o -> outcomes.add(new OutcomeRow(o.path("key").asText(), o.path("samples").asLong(),
                o.path("frequency").asDouble(), o.path("grade").asText(), o.path("description").asText())));
        return outcomes;
    }

    private static List<String> failures(JsonNode r) {
        List<String> failures = new ArrayList<>();
        r.path("failures").forEach(f -> failures.add(f.path("kind").asText() + ": " + f.path("message").asText()));
        shrinkLine(r.path("shrink")).ifPresent(failures::add);
        return failures;
    }

    private static Optional<JsonNode> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
    }

    /** Per guarantee ID: how many tagged tests ran, passed, failed or did not run, over all the files given. */
    static List<Coverage> coverage(List<Path> files) throws IOException {
        Map<String, int[]> counts = new TreeMap<>(ReportScenarios::compareIds);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            for (JsonNode test : JSON.readTree(file.toFile()).path("tests")) {
                String result = test.path("result").asText();
                for (JsonNode id : test.path("guarantees")) {
                    int[] c = counts.computeIfAbsent(id.asText(), k -> new int[4]);
                    c[0]++;
                    c["SUCCESSFUL".equals(result) ? 1 : "FAILED".equals(result) ? 2 : 3]++;
                }
            }
        }
        List<Coverage> rows = new ArrayList<>();
        counts.forEach((id, c) -> rows.add(new Coverage(id, c[0], c[1], c[2], c[3])));
        return rows;
    }

    /** G-POOL-2 before G-POOL-10: by prefix, then by number. */
    private static int compareIds(String a, String b) {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        int byPrefix = a.substring(0, da + 1).compareTo(b.substring(0, db + 1));
        if (byPrefix != 0) {
            return byPrefix;
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(da + 1)), Integer.parseInt(b.substring(db + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
