package org.mproc.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Document parse(ReportData data) {
        return Jsoup.parse(HtmlReport.render(data));
    }

    private static List<String> noDataTexts(Document doc) {
        return doc.select(".nodata").eachText();
    }

    @Test
    void drawsOneCanvasPerChartWithMeasuredPoints() {
        ReportData data = SampleReports.full();
        Document doc = parse(data);
        List<String> ids = doc.select("canvas[data-chart]").eachAttr("id");
        assertEquals(List.of("chart-0", "chart-1", "chart-2"), ids, "chart 3 has only the ideal line");
        assertEquals(2, doc.select("#scaling h3").size(), "one heading per workload");
        assertEquals(4, doc.select("#scaling figure.chart").size());
        Element empty = doc.select("#scaling figure.chart").get(3);
        assertEquals("no data: a latency has no speedup: one call uses one worker", empty.selectFirst(".nodata").text());
    }

    @Test
    void embeddedJsonParsesBackToTheData() throws Exception {
        ReportData data = SampleReports.full();
        Element script = parse(data).getElementById("report-data");
        assertEquals("application/json", script.attr("type"));
        assertEquals(data, JSON.readValue(script.data(), ReportData.class));
        String raw = script.data();
        assertFalse(raw.contains("</"), "</ must be written <\\/ inside the script element");
        assertFalse(raw.contains("<!--"));
    }

    @Test
    void pointsAtNothingOutsideTheFile() {
        Document doc = parse(SampleReports.full());
        assertTrue(doc.select("[src]").isEmpty(), "no src= at all: " + doc.select("[src]"));
        assertTrue(doc.select("link").isEmpty());
        for (String href : doc.select("[href]").eachAttr("href")) {
            assertTrue(href.startsWith("#"), "only in-page links: " + href);
        }
        String html = HtmlReport.render(SampleReports.full());
        assertFalse(html.contains("sourceMappingURL"), "Chart.js's source-map comment points at a file we do not ship");
        assertFalse(html.contains("@import"));
        assertTrue(html.contains("Chart.js v4."), "Chart.js is inlined");
    }

    @Test
    void markupInTheDataIsShownAsText() {
        Document doc = parse(SampleReports.full());
        assertEquals(4, doc.select("script").size(), "error capture, data, Chart.js, page script; none injected");
        assertEquals("mproc scaling report " + SampleReports.NASTY.strip(), doc.selectFirst("h1").text());
        assertEquals("mproc scaling report " + SampleReports.NASTY.strip(), doc.title());
        Element scenario = doc.getElementById("scenario-05");
        assertTrue(scenario.selectFirst("h3").text().endsWith("Queue: FIFO per producer " + SampleReports.NASTY.strip()));
        assertEquals("FORBIDDEN in trial 2: outcome 'swallowed' <b>is forbidden</b>",
                doc.getElementById("scenario-06b").selectFirst(".failure").text());
        assertTrue(doc.select("b").isEmpty(), "no element came from the data");
        assertEquals("same <noise>", doc.select("#gate tbody tr").get(1).select("td").last().text());
    }

    @Test
    void missingPartsSayNoDataWithTheirReason() {
        Document doc = parse(SampleReports.full());
        assertEquals(List.of("no data: python3 missing, so no CPython run"),
                doc.select("#cpython .nodata").eachText());
        assertEquals(List.of("no data: no outcome was recorded"), doc.select("#scenario-07 .nodata").eachText());
        assertTrue(doc.select("#cpython table").isEmpty());
    }

    @Test
    void anEmptyReportSaysNoDataInEveryPart() {
        Document doc = parse(ReportData.builder("empty", "now").build());
        List<String> expected = java.util.Arrays.stream(ReportData.Section.values())
                .map(s -> "no data: " + s.defaultReason()).toList();
        assertEquals(expected, noDataTexts(doc));
        assertTrue(doc.select("canvas").isEmpty());
        assertTrue(doc.select("table").isEmpty(), "no empty table is drawn");
    }

    @Test
    void ratiosAndGateAreTables() {
        ReportData full = SampleReports.full();
        ReportData withPython = new ReportData(full.title(), full.generated(), full.verdicts(), full.environment(),
                full.scenarios(), full.coverage(), full.charts(), full.fits(), SampleReports.ratios(), full.shapes(), full.cluster(), full.gate(),
                java.util.Map.of());
        Document doc = parse(withPython);
        assertEquals(3, doc.select("#cpython tbody tr").size());
        List<String> apply = doc.select("#cpython tbody tr").get(2).select("td").eachText();
        assertEquals(List.of("Pool.apply round trip", "2", "µs/op", "58", "41", "—", "0.71×", "slower than fork <goal 0.8>"), apply);
        assertEquals(List.of("ratio", "baseline", "now", "change", "p (Welch)", "verdict"),
                doc.select("#gate thead th").eachText());
        assertEquals("no regression", doc.selectFirst("#gate .badge").text());
    }

    @Test
    void verdictsComeFirstWithTheirStatus() {
        Document doc = parse(SampleReports.full());
        assertEquals("verdicts", doc.selectFirst("main section").id());
        assertEquals(List.of("met", "not met", "no data"), doc.select("#verdicts tbody .badge").eachText());
        assertEquals(List.of("1 of 3", "2 of 3", "3 IDs, 9 tests"), doc.select(".tile-value").eachText());
    }

    @Test
    void notANumberIsWrittenAsNull() throws Exception {
        ReportData data = ReportData.builder("nan", "now")
                .ratios(List.of(new ReportData.RatioRow("w", 1, "ops/s", Double.NaN, 1.0, null, Double.POSITIVE_INFINITY, "v")))
                .build();
        JsonNode row = JSON.readTree(parse(data).getElementById("report-data").data()).get("ratios").get(0);
        assertTrue(row.get("mproc").isNull());
        assertTrue(row.get("ratio").isNull());
        assertEquals(1.0, row.get("cpythonFork").asDouble());
    }

    @Test
    void numbersHaveThreeSignificantDigits() {
        assertEquals("34,100", ReportView.number(34_123.4));
        assertEquals("123", ReportView.number(123.4));
        assertEquals("1.73", ReportView.number(1.7312));
        assertEquals("0.0123", ReportView.number(0.012345));
        assertEquals("0", ReportView.number(0.0));
        assertEquals("—", ReportView.number(Double.NaN));
        assertEquals("—", ReportView.number(null));
    }

    /** The example in ReportData's Javadoc, as written there. */
    @Test
    void reportDataJavadocExampleRenders() {
        ReportData data = ReportData.builder("mproc scaling report", "2025-01-01T12:00:00Z")
                .environment(List.of(new ReportData.EnvRow("CPU", "Intel Xeon"), new ReportData.EnvRow("cores", "2")))
                .missing(ReportData.Section.RATIOS, "python3 missing")
                .build();
        String html = HtmlReport.render(data);
        assertEquals(List.of("no data: python3 missing"), Jsoup.parse(html).select("#cpython .nodata").eachText());
    }

    /** The example in HtmlReport's Javadoc, as written there (less the browser check). */
    @Test
    void javadocExampleWrites() throws Exception {
        ReportData data = ReportData.builder("mproc scaling report", Instant.now().toString())
                .environment(List.of(new ReportData.EnvRow("cores", "2")))
                .build();
        Path file = HtmlReport.write(data, Paths.get("target/report-test/javadoc/report.html"));
        String html = Files.readString(file);
        assertEquals("cores 2", Jsoup.parse(html).select("#environment dl div").stream()
                .map(Element::text).collect(Collectors.joining()));
    }
}
