package org.mproc.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records, for every test tagged with a guarantee ID ({@code @Tag("G-PROC-1")}), its result in
 * {@code target/guarantee-coverage.json}; the report shows per ID which tests checked it.
 */
public final class GuaranteeCoverageListener implements TestExecutionListener {
    private final List<String> rows = new ArrayList<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        List<String> ids = test.getTags().stream().map(TestTag::getName)
                .filter(name -> name.startsWith("G-")).sorted().collect(Collectors.toList());
        if (ids.isEmpty()) {
            return;
        }
        synchronized (rows) {
            rows.add("  {\"test\": " + quote(test.getUniqueId()) + ", \"name\": " + quote(test.getDisplayName())
                    + ", \"guarantees\": [" + ids.stream().map(GuaranteeCoverageListener::quote)
                    .collect(Collectors.joining(", ")) + "], \"result\": "
                    + quote(result.getStatus().name()) + "}");
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Path out = Paths.get("target", "guarantee-coverage.json");
        String json;
        synchronized (rows) {
            json = "{\"schema\": 1, \"tests\": [\n" + String.join(",\n", rows) + "\n]}\n";
        }
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write " + out + ": " + e);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
