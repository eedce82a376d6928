package org.mproc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.reports.html.ReportData;

/** The scenario tables read from a run's files, with CPython's results beside when the run has them (G-HAR-7). */
@Tag("G-HAR-7")
class ReportScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private static JsonNode result(String id, String verdict, String key, String extra) throws Exception {
        return JSON.readTree("{\"schemaVersion\": 1, \"id\": \"" + id + "\", \"title\": \"t\", \"verdict\": \"" + verdict + "\","
                + " \"profile\": \"default\", \"trials\": 2, \"budgetMs\": 2000, \"actualMs\": 2100, \"outcomes\": [{\"key\": \""
                + key + "\", \"samples\": 2, \"frequency\": 1.0, \"grade\": \"ACCEPTABLE\", \"description\": \"d\"}],"
                + " \"failures\": []" + extra + "}");
    }

    private void write(String path, String json) throws Exception {
        Path file = out.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void cpythonResultsForAScenarioStandBesideIt() throws Exception {
        write("scenarios-cpython/status.json", "{\"available\": true, \"pythonVersion\": \"3.11.7\", \"reason\": null}");
        write("scenarios-cpython/fork/05.json", result("05", "PASS", "4", ", \"startMethod\": \"fork\"").toString());
        write("scenarios-cpython/spawn/05.json", result("05", "PASS", "5", ", \"startMethod\": \"spawn\"").toString());
        List<ReportData.Scenario> rows = ReportScenarios.scenarios(List.of(result("05", "PASS", "5", ""), result("05c", "PASS", "5", "")),
                out.resolve("scenarios-cpython"));
        ReportData.Scenario five = rows.get(0);
        assertEquals(List.of("CPython fork", "CPython spawn"), five.others().stream().map(ReportData.Implementation::label).toList());
        assertEquals("4", five.others().get(0).outcomes().get(0).key());
        assertTrue(five.othersNote().startsWith("CPython 3.11.7 beside mproc"), five.othersNote());
        assertTrue(rows.get(1).others().isEmpty());
        assertTrue(rows.get(1).othersNote().startsWith("no CPython program for this scenario"), rows.get(1).othersNote());
    }

    @Test
    void aRunWithoutPythonSaysTheColumnsWereSkipped() throws Exception {
        write("scenarios-cpython/status.json", "{\"available\": false, \"pythonVersion\": null, \"reason\": \"python3 not found\"}");
        ReportData.Scenario five = ReportScenarios.scenarios(List.of(result("05", "PASS", "5", "")), out.resolve("scenarios-cpython")).get(0);
        assertTrue(five.others().isEmpty());
        assertEquals("CPython: python3 not found, CPython columns skipped", five.othersNote());
    }

    @Test
    void aRunWithNoCpythonDirectoryShowsMprocAlone() throws Exception {
        ReportData.Scenario five = ReportScenarios.scenarios(List.of(result("05", "PASS", "5", "")), out.resolve("scenarios-cpython")).get(0);
        assertTrue(five.others().isEmpty());
        assertNull(five.othersNote());
    }

    @Test
    void cpythonResultsOfAnotherProfileAreNotShownBesideMprocs() throws Exception {
        write("scenarios-cpython/status.json", "{\"available\": true, \"pythonVersion\": \"3.11.7\", \"reason\": null}");
        write("scenarios-cpython/fork/05.json", result("05", "PASS", "lost updates", ", \"startMethod\": \"fork\"").toString()
                .replace("\"default\"", "\"stress\""));
        ReportData.Scenario five = ReportScenarios.scenarios(List.of(result("05", "PASS", "5", "")), out.resolve("scenarios-cpython")).get(0);
        assertTrue(five.others().isEmpty());
        assertEquals("CPython fork's result is of profile stress, mproc's of default: not shown (run both with the same profile)",
                five.othersNote());
    }
}
