package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's table with a column per implementation, and CPython's failures as findings (G-HAR-7). */
@Tag("G-HAR-7")
class SideBySideTableTest {
    private static final OutcomeTable TABLE = OutcomeTable.builder()
            .exact("5", Grade.ACCEPTABLE, "all kept")
            .regex("[1-4]", Grade.INTERESTING, "lost update")
            .regex("hang: .*", Grade.FORBIDDEN, "no outcome")
            .build();
    private static final RunSettings SETTINGS = new RunSettings(Profile.DEFAULT, Duration.ofSeconds(2), 42, Optional.empty());

    private static ScenarioResult result(Map<String, Long> samples, List<ScenarioFailure> failures) {
        long trials = samples.values().stream().mapToLong(Long::longValue).sum();
        return new ScenarioResult("05", "counter", "§5", SETTINGS, Duration.ofMillis(2100), (int) trials,
                TrialLoop.counts(TABLE, Profile.DEFAULT, samples), failures, "replay", "leak check");
    }

    @Test
    void eachImplementationHasAColumnAndCpythonFailuresAreFindings() {
        ObjectNode mproc = ResultJson.toJson(result(new java.util.LinkedHashMap<>(Map.of("5", 3L)), List.of()));
        CPython python = new CPython("/usr/bin/python3", "3.11.7");
        java.util.LinkedHashMap<String, Long> fork = new java.util.LinkedHashMap<>();
        fork.put("4", 1L);
        fork.put("5", 3L);
        ObjectNode forked = CPythonResults.toJson(result(fork, List.of()), python, "fork");
        ObjectNode spawned = CPythonResults.toJson(result(new java.util.LinkedHashMap<>(Map.of("hang: no outcome within 6s", 1L)),
                List.of(new ScenarioFailure(ScenarioFailure.Kind.FORBIDDEN, 0, "forbidden outcome: hang: no outcome within 6s"))),
                python, "spawn");
        List<String> lines = SideBySideTable.lines("05", "counter", List.of(new SideBySideTable.Column("mproc", mproc, null),
                new SideBySideTable.Column("CPython fork", forked, null), new SideBySideTable.Column("CPython spawn", spawned, null)));
        assertEquals(List.of(
                "05  counter",
                "  RESULT                      EXPECT       mproc           CPython fork    CPython spawn  DESCRIPTION",
                "  5                           ACCEPTABLE   3 (100.0%)      3 (75.0%)       —              all kept",
                "  4                           INTERESTING  —               1 (25.0%)       —              lost update",
                "  hang: no outcome within 6s  FORBIDDEN    —               —               1 (100.0%)     no outcome",
                "  verdict                                  PASS, 3 trials  PASS, 4 trials  FAIL, 1 trial",
                "  CPython spawn — finding about CPython: forbidden — forbidden outcome: hang: no outcome within 6s"), lines);
    }

    @Test
    void aMissingColumnSaysWhy() {
        List<String> lines = SideBySideTable.lines("05", "counter", List.of(new SideBySideTable.Column("mproc", null, "no result at x.json")));
        assertEquals("  mproc: no result at x.json", lines.get(lines.size() - 1));
    }
}
