package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JSON (schema version, no NaN) and the JUnit XML a run writes, read back. */
class ResultOutputTest {
    private static final OutcomeTable TABLE = OutcomeTable.builder()
            .exact("ok", Grade.ACCEPTABLE, "fine")
            .exact("rare", Grade.INTERESTING, "seldom").underStress(Grade.REQUIRED)
            .exact("bad <&> \"x\"", Grade.FORBIDDEN, "never")
            .build();

    @TempDir
    Path dir;

    private static ScenarioResult result(int trials, List<OutcomeCount> counts, List<ScenarioFailure> failures) {
        RunSettings settings = new RunSettings(Profile.STRESS, Duration.ofSeconds(3), 5L, Optional.empty());
        return new ScenarioResult("x1", "a title", "§0", settings, Duration.ofMillis(3210), trials, counts, failures,
                settings.replayCommand("x1"), "processes");
    }

    @Test
    void theJsonCarriesItsSchemaVersionAndEveryField() throws Exception {
        List<OutcomeCount> counts = TrialLoop.counts(TABLE, Profile.STRESS, new java.util.LinkedHashMap<>(java.util.Map.of("ok", 3L)));
        ScenarioResult r = result(3, counts, List.of(new ScenarioFailure(ScenarioFailure.Kind.REQUIRED_MISSING, -1, "rare never seen")));
        Path file = ResultJson.write(r, dir.resolve("scenarios"));
        assertEquals("x1.json", file.getFileName().toString());
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(ResultJson.SCHEMA_VERSION, json.get("schemaVersion").asInt());
        assertEquals("FAIL", json.get("verdict").asText());
        assertEquals(1, json.get("exitCode").asInt());
        assertEquals("stress", json.get("profile").asText());
        assertEquals(3000, json.get("budgetMs").asLong());
        assertEquals(3210, json.get("actualMs").asLong());
        assertEquals(1.0, json.get("outcomes").get(0).get("frequency").asDouble());
        assertEquals("rare", json.get("outcomes").get(1).get("key").asText());
        assertTrue(json.get("outcomes").get(1).get("failing").asBoolean());
        assertEquals("REQUIRED_MISSING", json.get("failures").get(0).get("kind").asText());
        assertTrue(json.get("subject").isNull());
        assertEquals(r.replay(), json.get("replay").asText());
    }

    @Test
    void aRunWithNoTrialHasFrequenciesOfZeroNotNaN() throws Exception {
        List<OutcomeCount> counts = TrialLoop.counts(TABLE, Profile.STRESS, new java.util.LinkedHashMap<>());
        ScenarioResult r = result(0, counts, List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, -1, "no class")));
        String text = Files.readString(ResultJson.write(r, dir));
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        assertEquals(0.0, new ObjectMapper().readTree(text).get("outcomes").get(0).get("frequency").asDouble());
        assertEquals(2, r.exitCode());
    }

    @Test
    void theJUnitXmlHasOneCasePerScenarioWithFailuresAndErrorsApart() throws Exception {
        List<OutcomeCount> seen = TrialLoop.counts(TABLE, Profile.DEFAULT,
                new java.util.LinkedHashMap<>(java.util.Map.of("bad <&> \"x\"", 1L)));
        ScenarioResult failed = result(1, seen, List.of(new ScenarioFailure(ScenarioFailure.Kind.FORBIDDEN, 0, "bad <&> \"x\" seen")));
        ScenarioResult passed = result(2, TrialLoop.counts(TABLE, Profile.DEFAULT, new java.util.LinkedHashMap<>(java.util.Map.of("ok", 2L))), List.of());
        ScenarioResult broken = result(0, List.of(), List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, -1, "cannot load")));
        Path file = JUnitXml.write("suite", List.of(failed, passed, broken), dir);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("replay: scripts/harness run x1"), failure.getTextContent());
        assertEquals("bad <&> \"x\" seen", failure.getAttribute("message"));
        assertEquals(1, doc.getElementsByTagName("error").getLength());
    }
}
