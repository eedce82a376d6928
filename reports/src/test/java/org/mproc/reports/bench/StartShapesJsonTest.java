package org.mproc.reports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;

class StartShapesJsonTest {
    private static final String VM = "\"jvm\":\"/jdk/bin/java\",\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\","
            + "\"vmVersion\":\"17.0.15+6\"";
    private static final List<String> LINES = List.of(
            "{\"program\":\"child\",\"firstChild\":400.0,\"steadyChild\":200.0,\"steadyChildren\":[190.0,200.0,210.0],"
                    + VM + ",\"childJvmOptions\":\"\",\"wholeProgram\":1200.0,\"load1\":0.5,\"flags\":\"default\"}",
            "{\"program\":\"child\",\"firstChild\":300.0,\"steadyChild\":120.0," + VM
                    + ",\"childJvmOptions\":\"-XX:TieredStopAtLevel=1\",\"wholeProgram\":900.0,\"flags\":\"c1\"}",
            "",
            "{\"program\":\"pool\",\"poolFirstResult\":300.0,\"poolAllResults\":310.0,\"poolClose\":320.0," + VM
                    + ",\"childJvmOptions\":\"\",\"wholeProgram\":400.0,\"flags\":\"default\"}",
            "{\"program\":\"child\",\"firstChild\":500.0,\"steadyChild\":220.0," + VM
                    + ",\"childJvmOptions\":\"\",\"wholeProgram\":1400.0,\"flags\":\"default\"}");

    @Test
    void samplesBecomeOneSingleShotEntryPerFlagsProgramAndShapeWithAForkPerParent() throws Exception {
        List<BenchmarkResult> results = JmhJson.parse(StartShapesJson.write(LINES).toString(), "test");
        Map<String, BenchmarkResult> byKey = results.stream().collect(Collectors.toMap(BenchmarkResult::key, r -> r));
        assertEquals(10, results.size(), byKey.keySet().toString());

        BenchmarkResult first = byKey.get("org.mproc.reports.bench.StartShapes.firstChild{flags=default, program=child}");
        assertEquals("ss", first.mode());
        assertEquals("ms/op", first.unit());
        assertEquals(List.of(List.of(400.0), List.of(500.0)), first.rawData());
        assertEquals(450.0, first.score(), 1e-9);

        assertEquals(List.of(List.of(900.0)),
                byKey.get("org.mproc.reports.bench.StartShapes.wholeProgram{flags=c1, program=child}").rawData());
        assertEquals(List.of(List.of(400.0)),
                byKey.get("org.mproc.reports.bench.StartShapes.wholeProgram{flags=default, program=pool}").rawData());
        assertTrue(byKey.containsKey("org.mproc.reports.bench.StartShapes.poolClose{flags=default, program=pool}"));
    }

    @Test
    void theParentJvmAndItsChildOptionsAreRecorded() throws Exception {
        JsonNode c1 = StartShapesJson.write(LINES).get(3);
        assertEquals("org.mproc.reports.bench.StartShapes.firstChild", c1.get("benchmark").asText());
        assertEquals("c1", c1.path("params").path("flags").asText());
        assertEquals("-Dmproc.childJvmOptions=-XX:TieredStopAtLevel=1", c1.path("jvmArgs").get(0).asText());
        assertEquals("/jdk/bin/java", c1.path("jvm").asText());
        assertEquals("17.0.15", c1.path("jdkVersion").asText());
        assertEquals("NaN", c1.path("primaryMetric").path("scoreError").asText());
    }

    @Test
    void pairedDifferenceIsTheMedianOfPerRoundDifferences() {
        assertEquals(Optional.of(-10.0), ShapeTable.pairedDifference(new double[] {90, 300, 100}, new double[] {100, 100, 110}));
        assertEquals(Optional.empty(), ShapeTable.pairedDifference(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] values = {4, 1, 3, 2};
        assertEquals(2.5, ShapeTable.median(values), 1e-9);
        assertEquals(1.3, ShapeTable.percentile(values, 10), 1e-9);
        assertEquals(4.0, ShapeTable.percentile(values, 100), 1e-9);
        assertEquals(2.5, StartShapes.median(values), 1e-9);
    }
}
