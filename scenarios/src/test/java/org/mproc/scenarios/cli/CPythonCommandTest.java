package org.mproc.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.harness.CPython;

/**
 * {@code scripts/harness cpython}: without an interpreter it says the columns are skipped and
 * exits 0; with one, a real scenario program runs under fork and spawn, beside mproc's column,
 * and CPython's FORBIDDEN hang in 02f is a finding, not a failure of the run (G-HAR-7).
 */
@Tag("G-HAR-7")
class CPythonCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private record Run(int code, String out) {}

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutPythonTheColumnsAreSkippedAndTheRunStillPasses() throws Exception {
        String none = "mproc-no-such-python-" + ProcessHandle.current().pid();
        Run r = main("cpython", "05", "--python", none, "--out", out.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("CPython: " + none + " not found, CPython columns skipped"), r.out());
        JsonNode status = JSON.readTree(out.resolve("scenarios-cpython/status.json").toFile());
        assertFalse(status.path("available").asBoolean());
        assertEquals(none + " not found", status.path("reason").asText());
    }

    @Test
    void aBadStartMethodIsAnInfrastructureError() {
        Run r = main("cpython", "05", "--start-method", "forkserver", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("unknown start method 'forkserver'"), r.out());
    }

    @Test
    @Timeout(180)
    void realProgramsRunUnderForkAndSpawnBesideMproc() throws Exception {
        assumeTrue(CPython.find(CPython.configured()).isPresent(), CPython.missing(CPython.configured()));
        Run r = main("cpython", "05b", "02f", "05c", "--budget", "1s", "--timeout", "3s", "--seed", "42",
                "--programs", "cpython", "--out", out.toString());
        assertEquals(0, r.code(), "a CPython FORBIDDEN outcome is a finding, not a failure:\n" + r.out());
        assertTrue(r.out().contains("RESULT  EXPECT       mproc  CPython fork"), r.out());
        for (String method : new String[] {"fork", "spawn"}) {
            JsonNode locked = JSON.readTree(out.resolve("scenarios-cpython/" + method + "/05b.json").toFile());
            assertEquals("PASS", locked.path("verdict").asText(), locked.toString());
            assertEquals("5", locked.path("outcomes").get(0).path("key").asText(), "the lock keeps all five increments");
            assertEquals(method, locked.path("startMethod").asText());
            JsonNode hang = JSON.readTree(out.resolve("scenarios-cpython/" + method + "/02f.json").toFile());
            assertEquals("FAIL", hang.path("verdict").asText());
            assertEquals("hang: no outcome within 3s", hang.path("outcomes").get(0).path("key").asText());
            assertEquals("FORBIDDEN", hang.path("outcomes").get(0).path("grade").asText());
        }
        assertTrue(r.out().contains("CPython fork — finding about CPython: forbidden — forbidden outcome: hang: no outcome within 3s"), r.out());
        String title = ScenarioCatalog.select(java.util.List.of("05c")).get(0).title();
        assertTrue(r.out().contains("05c  " + title + System.lineSeparator() + "  no CPython program"), r.out());
        assertFalse(Files.exists(out.resolve("scenarios-cpython/fork/05c.json")));
    }

    @Test
    @Timeout(120)
    void aStressRunShowsMprocOnlyBesideAResultOfTheSameProfile() throws Exception {
        assumeTrue(CPython.find(CPython.configured()).isPresent(), CPython.missing(CPython.configured()));
        Path programs = out.resolve("programs");
        Files.createDirectories(programs);
        Files.writeString(programs.resolve("05b.py"), "import sys\n"
                + "assert sys.argv[sys.argv.index('--profile') + 1] == 'stress', sys.argv\n"
                + "print('outcome: all K·m increments kept')\n", StandardCharsets.UTF_8);
        Files.createDirectories(out.resolve("scenarios"));
        Files.writeString(out.resolve("scenarios/05b.json"), "{\"schemaVersion\": 1, \"id\": \"05b\", \"profile\": \"default\"}");
        Run r = main("cpython", "05b", "--profile", "stress", "--start-method", "fork", "--budget", "300ms", "--seed", "42",
                "--programs", programs.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("profile stress"), r.out());
        assertTrue(r.out().contains("is of profile default (run scripts/harness run 05b --profile stress)"), r.out());
        JsonNode fork = JSON.readTree(out.resolve("scenarios-cpython/fork/05b.json").toFile());
        assertEquals("stress", fork.path("profile").asText());
        assertEquals("PASS", fork.path("verdict").asText(), fork.toString());
    }
}
