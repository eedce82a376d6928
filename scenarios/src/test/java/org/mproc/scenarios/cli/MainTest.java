package org.mproc.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.harness.Scenario;

/** The command line's listing, its exit codes for bad input, and what a passing run writes. */
class MainTest {
    @TempDir
    Path out;

    private record Run(int code, String out, String err) {}

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listNamesEveryRegisteredScenario() {
        Run r = main("list");
        assertEquals(0, r.code());
        for (Scenario s : ScenarioCatalog.all()) {
            assertTrue(r.out().contains(s.id() + " ") && r.out().contains(s.title()), r.out());
        }
        assertTrue(ScenarioCatalog.all().size() >= 8, "registered: " + ScenarioCatalog.ids(ScenarioCatalog.all()));
    }

    @Test
    void anUnknownScenarioIsAnInfrastructureErrorNamingTheKnownOnes() {
        Run r = main("run", "99", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("unknown scenario '99'; known: 01"), r.out());
    }

    @Test
    void aBadBudgetOrProfileIsAnInfrastructureError() {
        Run budget = main("run", "01", "--budget", "soon", "--out", out.toString());
        assertEquals(2, budget.code());
        assertTrue(budget.out().contains("not a duration: 'soon'"), budget.out());
        Run profile = main("run", "01", "--profile", "gentle", "--out", out.toString());
        assertEquals(2, profile.code());
        assertTrue(profile.out().contains("unknown profile 'gentle'"), profile.out());
        Run option = main("run", "--frobnicate");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("Unknown option: '--frobnicate'"), option.err());
    }

    @Test
    @Tag("G-HAR-6")
    void aShapeBelowAMinimumOrNamingAnUnknownDimensionIsRefusedNamingIt() {
        Run below = main("run", "03", "--shape", "elements=40,producers=0", "--out", out.toString());
        assertEquals(2, below.code());
        assertTrue(below.out().contains("error: --shape elements=40,producers=0 does not fit scenario 03: "
                + "dimension producers = 0 is below its minimum 1"), below.out());
        Run unknown = main("run", "02", "--shape", "elements=40", "--out", out.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.out().contains("error: --shape elements=40 does not fit scenario 02: unknown dimension 'elements'; "
                + "declared: items (main, min 1), processes (min 1)"), unknown.out());
        Run none = main("run", "01", "--shape", "children=1", "--out", out.toString());
        assertEquals(2, none.code());
        assertTrue(none.out().contains("unknown dimension 'children'; this scenario declares none"), none.out());
        Run malformed = main("run", "02", "--shape", "items:4", "--out", out.toString());
        assertEquals(2, malformed.code());
        assertTrue(malformed.out().contains("error: shape part 'items:4' is not name=value (e.g. elements=40)"), malformed.out());
    }

    @Test
    void aSubjectNoScenarioExercisesIsRejected() {
        Run r = main("run", "--subject", "java.lang.String", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("no scenario exercises a subject like java.lang.String"), r.out());
    }

    @Test
    void aPassingRunPrintsItsTableAndWritesJsonAndJUnitXml() throws Exception {
        Run r = main("run", "02", "--budget", "1s", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("[PASS] 02"), r.out());
        assertTrue(r.out().contains("RESULT") && r.out().contains("SAMPLES") && r.out().contains("EXPECT"), r.out());
        assertTrue(Files.readString(out.resolve("scenarios/02.json")).contains("\"verdict\" : \"PASS\""));
        assertTrue(Files.readString(out.resolve("junit/TEST-mproc-scenarios.xml")).contains("<testcase"));
    }
}
