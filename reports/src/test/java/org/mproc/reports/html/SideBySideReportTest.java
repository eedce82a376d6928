package org.mproc.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.reports.html.ReportData.Implementation;
import org.mproc.reports.html.ReportData.OutcomeRow;
import org.mproc.reports.html.ReportData.Scenario;

/** A scenario with CPython's runs beside mproc's shows one table, a column per implementation (G-HAR-7). */
@Tag("G-HAR-7")
class SideBySideReportTest {
    private static final OutcomeRow DIED = new OutcomeRow("WorkerDiedException (SIGKILL) for the killed task; next map succeeded",
            4, 1.0, "REQUIRED", "the call failed naming the task and the signal");
    private static final OutcomeRow HANG = new OutcomeRow("hang: no outcome within 6s", 1, 1.0, "FORBIDDEN",
            "no outcome within the trial timeout: CPython's hang <gh-66587>");

    private static Document render(List<Scenario> scenarios) {
        ReportData full = SampleReports.full();
        return Jsoup.parse(HtmlReport.render(new ReportData(full.title(), full.generated(), full.verdicts(), full.environment(),
                scenarios, full.coverage(), full.charts(), full.fits(), full.ratios(), full.shapes(), full.cluster(), full.gate(), Map.of())));
    }

    @Test
    void cpythonColumnsStandBesideMprocsWithTheirFindings() {
        Scenario s = new Scenario("02f", "A worker killed mid-map", "PASS", "default", 4, 2000, 2100, List.of(DIED), List.of(),
                List.of(new Implementation("CPython fork", "FAIL", 1, 6100, List.of(HANG,
                                new OutcomeRow(DIED.key(), 0, 0, "REQUIRED", DIED.description())),
                                List.of("FORBIDDEN: forbidden outcome: hang: no outcome within 6s")),
                        new Implementation("CPython spawn", "FAIL", 1, 6200, List.of(HANG), List.of("FORBIDDEN: hang"))),
                "CPython 3.11.7 beside mproc: a FORBIDDEN outcome in a CPython column is a finding about CPython");
        Element article = render(List.of(s)).getElementById("scenario-02f");
        assertEquals(List.of("Outcome", "Grade", "mproc", "CPython fork", "CPython spawn", "Description"),
                article.select("table.side-by-side thead th").eachText());
        List<Element> rows = article.select("table.side-by-side tbody tr");
        assertEquals(List.of(DIED.key(), "REQUIRED", "4 (100.0%)", "0 (0.0%)", "—", DIED.description()), rows.get(0).select("td").eachText());
        assertEquals(List.of(HANG.key(), "FORBIDDEN", "—", "1 (100.0%)", "1 (100.0%)", HANG.description()), rows.get(1).select("td").eachText());
        assertEquals("PASS 4 trials, 2.1 s", rows.get(2).select("td").get(2).text());
        assertEquals("FAIL 1 trial, 6.1 s", rows.get(2).select("td").get(3).text());
        assertEquals(List.of("CPython fork: FORBIDDEN: forbidden outcome: hang: no outcome within 6s", "CPython spawn: FORBIDDEN: hang"),
                article.select(".finding").eachText());
        assertTrue(article.select(".failure").isEmpty(), "a CPython finding is not shown as a failure of the run");
        assertTrue(article.selectFirst(".note").text().contains("finding about CPython"));
    }

    @Test
    void withoutCpythonRunsTheTableIsMprocsAloneWithTheReason() {
        Scenario s = new Scenario("05", "Counter", "PASS", "default", 2, 2000, 1900,
                List.of(new OutcomeRow("5", 2, 1.0, "ACCEPTABLE", "every increment counted")), List.of(), List.of(),
                "CPython: python3 not found, CPython columns skipped");
        Element article = render(List.of(s)).getElementById("scenario-05");
        assertTrue(article.select("table.side-by-side").isEmpty());
        assertEquals(List.of("Outcome", "Samples", "Frequency", "Grade", "Description"), article.select("table thead th").eachText());
        assertEquals("CPython: python3 not found, CPython columns skipped", article.selectFirst(".note").text());
    }
}
