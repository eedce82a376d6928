package org.mproc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's outcome table with a column per implementation, mproc's and CPython's under each
 * start method (G-HAR-7), read from their result JSON ({@link ResultJson}): every outcome any of
 * them saw (then the required rows none saw), its grade, and per column the samples and their
 * share of that column's trials; then each column's verdict, and its failures. A CPython column's
 * FORBIDDEN outcome is a finding about CPython. A REQUIRED row never seen is left out of a
 * column's failure lines when another failure says what was seen instead (the row shows 0).
 *
 * <pre>
 * 05  Processes add one to a manager's counter with a read then a write: updates get lost
 *   RESULT  EXPECT       mproc        CPython fork  CPython spawn  DESCRIPTION
 *   5       ACCEPTABLE   1 (25.0%)    3 (60.0%)     2 (100.0%)     no two read-then-write pairs overlapped
 *   4       INTERESTING  3 (75.0%)    2 (40.0%)     —              lost update: two children read the same value, …
 *   verdict              PASS, 4 tr.  PASS, 5 tr.   PASS, 2 tr.
 * </pre>
 */
public final class SideBySideTable {
    private SideBySideTable() {}

    /**
     * One column.
     *
     * @param label  the heading: {@code mproc}, {@code CPython fork}
     * @param result the result JSON, or {@code null} when there is none
     * @param note   why there is no result (shown instead of a verdict), when {@code result} is null
     */
    public record Column(String label, JsonNode result, String note) {}

    private record Row(String key, String grade, String description) {}

    /** The table's lines, without a trailing blank line. */
    public static List<String> lines(String id, String title, List<Column> columns) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.result() != null) {
                c.result().path("outcomes").forEach(o -> rows.putIfAbsent(o.path("key").asText(),
                        new Row(o.path("key").asText(), o.path("grade").asText(), o.path("description").asText())));
            }
        }
        int keyWidth = "RESULT".length();
        for (String key : rows.keySet()) {
            keyWidth = Math.max(keyWidth, key.length());
        }
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows.values()) {
            List<String> line = new ArrayList<>();
            for (Column c : columns) {
                line.add(cell(c, row.key()));
            }
            cells.add(line);
        }
        List<String> verdicts = new ArrayList<>();
        for (Column c : columns) {
            verdicts.add(c.result() == null ? "—" : c.result().path("verdict").asText() + ", "
                    + trials(c.result().path("trials").asInt()));
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = Math.max(columns.get(i).label().length(), verdicts.get(i).length());
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(id + "  " + title);
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(c.label()));
        out.add(line(keyWidth, "RESULT", "EXPECT", header, widths, "DESCRIPTION"));
        int r = 0;
        for (Row row : rows.values()) {
            out.add(line(keyWidth, row.key(), row.grade(), cells.get(r++), widths, row.description()));
        }
        out.add(line(keyWidth, "verdict", "", verdicts, widths, ""));
        for (Column c : columns) {
            if (c.result() == null) {
                out.add("  " + c.label() + ": " + c.note());
                continue;
            }
            boolean cpython = c.result().has("implementation");
            boolean seen = false;
            for (JsonNode f : c.result().path("failures")) {
                seen |= !f.path("kind").asText().equals("REQUIRED_MISSING");
            }
            for (JsonNode f : c.result().path("failures")) {
                String kind = f.path("kind").asText();
                if (seen && kind.equals("REQUIRED_MISSING")) {
                    continue; // the table shows the row with 0 samples; the outcome seen instead says more
                }
                String what = !cpython ? "fails the run"
                        : kind.equals("INFRASTRUCTURE") ? "could not run (not a finding)" : "finding about CPython";
                out.add("  " + c.label() + " — " + what + ": " + kind.toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " — " + f.path("message").asText());
            }
        }
        return out;
    }

    private static String trials(int n) {
        return n + (n == 1 ? " trial" : " trials");
    }

    private static String cell(Column c, String key) {
        if (c.result() == null) {
            return "";
        }
        for (JsonNode o : c.result().path("outcomes")) {
            if (o.path("key").asText().equals(key)) {
                return String.format(Locale.ROOT, "%d (%.1f%%)", o.path("samples").asLong(), 100 * o.path("frequency").asDouble());
            }
        }
        return "—";
    }

    private static String line(int keyWidth, String key, String grade, List<String> cells, int[] widths, String description) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-" + keyWidth + "s  %-11s", key, grade));
        for (int i = 0; i < cells.size(); i++) {
            b.append("  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(i)));
        }
        return b.append("  ").append(description).toString().stripTrailing();
    }
}
