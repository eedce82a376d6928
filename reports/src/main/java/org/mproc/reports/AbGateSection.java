package org.mproc.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mproc.reports.gate.AbGateReport;
import org.mproc.reports.html.ReportData;

/**
 * The last {@code scripts/gate} run in the report: its {@code gate.json} (written by
 * {@code AbGateMain}) as the gate section's table, the same cells as {@code gate.txt}
 * ({@link AbGateReport#cells()}): per benchmark the medians, head's change in time per operation
 * with its interval, the threshold and the verdict.
 */
final class AbGateSection {
    static final String FILE = "gate.json";

    private AbGateSection() {}

    /** The gate section from {@code dir/gate.json}, or empty when there is none; a malformed file throws, naming it. */
    static Optional<ReportData.Gate> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        AbGateReport report = AbGateReport.readJson(file);
        List<List<String>> cells = report.cells();
        String summary = report.head() + " against " + report.ref() + ": " + report.summary() + " (" + file + ")";
        return Optional.of(new ReportData.Gate(summary, report.hasRegression(), cells.get(0),
                cells.subList(1, cells.size())));
    }
}
