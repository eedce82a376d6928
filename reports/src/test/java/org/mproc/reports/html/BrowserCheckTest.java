package org.mproc.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The report in a real browser: headless Chromium loads the rendered file, every chart draws and
 * nothing reaches the console. A machine without Chromium gets it from {@code scripts/ensure-chromium}
 * (Debian's package, installed as root), so {@code mvn verify} on a fresh machine sets itself up;
 * when that fails, so does this test, unless {@code -Dmproc.browser=skip} says the run has no
 * browser on purpose.
 */
@Timeout(300)
class BrowserCheckTest {
    private static final Path OUT = Paths.get("target", "report-test");

    private static final Path ENSURE_CHROMIUM = Paths.get("..", "scripts", "ensure-chromium");

    @BeforeAll
    static void installChromiumWhenMissing() throws Exception {
        if (BrowserCheck.chromium().isPresent() || "skip".equals(System.getProperty("mproc.browser"))) {
            return;
        }
        Process install = new ProcessBuilder(ENSURE_CHROMIUM.toString()).inheritIO().start();
        if (!install.waitFor(280, TimeUnit.SECONDS)) {
            install.destroyForcibly().waitFor();
            fail(ENSURE_CHROMIUM + " did not finish within 280 s");
        }
    }

    @BeforeEach
    void needsChromium() {
        if (BrowserCheck.chromium().isEmpty()) {
            Assumptions.assumeFalse("skip".equals(System.getProperty("mproc.browser")),
                    "-Dmproc.browser=skip: the browser check does not run");
            fail("chromium is not installed and " + ENSURE_CHROMIUM + " could not install it (see its output above); "
                    + "install it as root, or pass -Dmproc.browser=skip to run without the browser check");
        }
    }

    @Test
    void theSampleReportDrawsEveryChartWithoutAnError() throws Exception {
        Path html = HtmlReport.write(SampleReports.full(), OUT.resolve("sample/report.html"));
        BrowserCheck.Result r = BrowserCheck.check(html, OUT.resolve("sample/report.png"));
        assertTrue(r.ok(), r.errors());
        assertTrue(r.ready());
        assertEquals(3, r.charts());
        assertEquals("", r.errors());
        assertTrue(Files.size(r.screenshot()) > 10_000, "a real screenshot: " + r.screenshot());
    }

    @Test
    void anEmptyReportIsReadyToo() throws Exception {
        Path html = HtmlReport.write(ReportData.builder("empty", "now").build(), OUT.resolve("empty/report.html"));
        BrowserCheck.Result r = BrowserCheck.check(html, OUT.resolve("empty/report.png"));
        assertTrue(r.ok(), r.errors());
        assertEquals(0, r.charts());
    }

    @Test
    void aScriptErrorAndAConsoleErrorAreCaught() throws Exception {
        String html = HtmlReport.render(SampleReports.full())
                .replace("</body>", "<script>console.error('boom from the test'); undefinedFunction();</script>\n</body>");
        Path file = OUT.resolve("broken/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, html);
        BrowserCheck.Result r = BrowserCheck.check(file, OUT.resolve("broken/report.png"));
        assertFalse(r.ok());
        assertTrue(r.ready(), "the charts still drew");
        List<String> lines = r.errors().lines().toList();
        assertTrue(lines.get(0).contains("console.error: boom from the test"), r.errors());
        assertTrue(lines.get(1).contains("undefinedFunction is not defined"), r.errors());
    }

    @Test
    void aPageThatNeverGetsReadyFails() throws Exception {
        Path file = OUT.resolve("unready/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<!DOCTYPE html><html><body><p>no script</p></body></html>");
        BrowserCheck.Result r = BrowserCheck.check(file, OUT.resolve("unready/report.png"));
        assertFalse(r.ok());
        assertFalse(r.ready());
        assertTrue(r.errors().contains("did not set data-ready"), r.errors());
    }
}
