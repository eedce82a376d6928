package org.mproc.reports.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders {@link ReportData} as one self-contained HTML file: it opens from disk with no server and
 * no network. The markup comes from the {@code report.html} template; the style, the page script
 * and Chart.js (from its WebJar on the class path) are inlined; the data is embedded as JSON in
 * {@code <script type="application/json" id="report-data">}, from which the page draws the charts.
 * Every value shown in the markup is HTML-escaped; a part with no data shows "no data: reason".
 * The page sets {@code document.body.dataset.ready = "true"} once every chart drew, and collects
 * {@code window.onerror} and {@code console.error} into {@code document.body.dataset.errors}
 * ({@link BrowserCheck} reads both).
 *
 * <pre>{@code
 * ReportData data = ReportData.builder("mproc scaling report", Instant.now().toString())
 *         .environment(List.of(new ReportData.EnvRow("cores", "2")))
 *         .build();
 * Path file = HtmlReport.write(data, Path.of("reports/out/report.html"));
 * BrowserCheck.Result checked = BrowserCheck.check(file, Path.of("target/report.png"));
 * }</pre>
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Double.class, new FiniteDouble())
            .addSerializer(double.class, new FiniteDouble()));

    private HtmlReport() {}

    /** The whole page. */
    public static String render(ReportData data) {
        Map<String, Object> scope = ReportView.of(data);
        scope.put("css", Assets.text("report.css"));
        scope.put("pageJs", Assets.script(Assets.text("report.js")));
        scope.put("chartJs", Assets.chartJs());
        scope.put("chartJsVersion", Assets.chartJsVersion());
        scope.put("dataJson", json(data));
        return Template.parse(Assets.text("report.html")).render(scope);
    }

    /** Renders into {@code file} (UTF-8), creating its directory; returns {@code file}. */
    public static Path write(ReportData data, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, render(data), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The data as JSON safe inside a script element: {@code </} becomes {@code <\/} and {@code <!--}
     * becomes {@code <\u0021--} (both still mean the same string to a JSON parser); NaN and infinities
     * become null, which JSON can carry.
     */
    static String json(ReportData data) {
        try {
            return JSON.writeValueAsString(data).replace("</", "<\\/").replace("<!--", "<\\u0021--");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a non-finite double as null: JSON has no NaN, and the page treats null as "not measured". */
    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
