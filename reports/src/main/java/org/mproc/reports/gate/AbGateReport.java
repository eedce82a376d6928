package org.mproc.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An A/B gate run's answer: one {@link AbComparison} per benchmark, what the two sides were, and
 * the text the console and {@code gate.txt} show. {@link #hasRegression()} is what
 * {@code --enforce} turns into exit 3.
 *
 * <pre>{@code
 * AbGateReport report = new AbGateReport("ref 21a481a", "head 09572db", rows, "target/gate/calibration.json");
 * report.table().forEach(System.out::println);
 * System.out.println(report.summary());  // "6 benchmarks: 0 regressed, 0 improved, 5 unchanged, 1 inconclusive"
 * }</pre>
 */
public record AbGateReport(String ref, String head, List<AbComparison> rows, String calibration) {
    private static final String PACKAGE = "org.mproc.reports.bench.";

    public AbGateReport {
        rows = List.copyOf(rows);
    }

    public List<AbComparison> regressed() {
        return rows.stream().filter(r -> r.verdict() == AbVerdict.REGRESSED).toList();
    }

    public boolean hasRegression() {
        return !regressed().isEmpty();
    }

    public String summary() {
        Map<AbVerdict, Integer> counts = new EnumMap<>(AbVerdict.class);
        rows.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        return String.format(Locale.ROOT, "%d benchmark%s: %d regressed, %d improved, %d unchanged, %d inconclusive",
                rows.size(), rows.size() == 1 ? "" : "s", counts.getOrDefault(AbVerdict.REGRESSED, 0),
                counts.getOrDefault(AbVerdict.IMPROVED, 0), counts.getOrDefault(AbVerdict.UNCHANGED, 0),
                counts.getOrDefault(AbVerdict.INCONCLUSIVE, 0));
    }

    /** The table's header and one row per benchmark: forks, medians, change with its interval, threshold, verdict, note. */
    public List<List<String>> cells() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("benchmark", "forks", "ref", "head", "unit", "change [interval]", "threshold", "verdict", "note"));
        for (AbComparison r : rows) {
            cells.add(List.of(shortKey(r.key()), r.refForks() + "+" + r.headForks(), number(r.refMedian()),
                    number(r.headMedian()), r.unit(), change(r), threshold(r), r.verdict().name(), r.note()));
        }
        return cells;
    }

    /** {@link #cells()} as aligned lines of text: the header, then per benchmark. */
    public List<String> table() {
        List<List<String>> cells = cells();
        int[] widths = new int[cells.get(0).size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String text = row.get(i);
                boolean right = i >= 1 && i <= 3;
                String cell = right ? " ".repeat(widths[i] - text.length()) + text
                        : text + (i == row.size() - 1 ? "" : " ".repeat(widths[i] - text.length()));
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** "+15.2% [+11.0%, +19.9%] @96.8%", or the estimate alone when there is no interval. */
    static String change(AbComparison r) {
        if (!r.hasInterval()) {
            return percent(r.change()) + " [no interval]";
        }
        return String.format(Locale.ROOT, "%s [%s, %s] @%.1f%%", percent(r.change()), percent(r.lower()),
                percent(r.upper()), 100 * r.confidence());
    }

    private static String threshold(AbComparison r) {
        return String.format(Locale.ROOT, "±%.1f%% (%s)", 100 * r.threshold(), r.thresholdSource());
    }

    static String shortKey(String key) {
        return key.startsWith(PACKAGE) ? key.substring(PACKAGE.length()) : key;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    /**
     * Reads back what {@link #writeJson} wrote.
     *
     * @throws IllegalArgumentException naming the file when it is not a gate result
     */
    public static AbGateReport readJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.path("rows").isArray()) {
            throw new IllegalArgumentException(file + ": not a gate result (no \"rows\" array)");
        }
        List<AbComparison> rows = new ArrayList<>();
        for (JsonNode o : root.path("rows")) {
            AbVerdict verdict;
            try {
                verdict = AbVerdict.valueOf(o.path("verdict").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": unknown verdict '" + o.path("verdict").asText() + "'", e);
            }
            rows.add(new AbComparison(o.path("benchmark").asText(), o.path("unit").asText(), o.path("refForks").asInt(),
                    o.path("headForks").asInt(), o.path("refMedian").asDouble(), o.path("headMedian").asDouble(),
                    o.path("change").asDouble(), orNaN(o.path("lower")), orNaN(o.path("upper")),
                    o.path("confidence").asDouble(), o.path("threshold").asDouble(), o.path("thresholdSource").asText(),
                    verdict, o.has("moreForks") ? OptionalInt.of(o.path("moreForks").asInt()) : OptionalInt.empty(),
                    o.path("note").asText()));
        }
        return new AbGateReport(root.path("ref").asText(), root.path("head").asText(), rows,
                root.path("calibration").asText(null));
    }

    private static double orNaN(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    public void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("ref", ref).put("head", head).put("calibration", calibration).put("summary", summary());
        ArrayNode list = root.putArray("rows");
        for (AbComparison r : rows) {
            ObjectNode o = list.addObject();
            o.put("benchmark", r.key()).put("unit", r.unit()).put("refForks", r.refForks()).put("headForks", r.headForks())
                    .put("refMedian", r.refMedian()).put("headMedian", r.headMedian()).put("change", r.change());
            if (r.hasInterval()) {
                o.put("lower", r.lower()).put("upper", r.upper());
            } else {
                o.putNull("lower").putNull("upper");
            }
            o.put("confidence", r.confidence()).put("threshold", r.threshold()).put("thresholdSource", r.thresholdSource())
                    .put("verdict", r.verdict().name()).put("note", r.note());
            if (r.moreForks().isPresent()) {
                o.put("moreForks", r.moreForks().getAsInt());
            }
        }
        mapper.writeValue(file.toFile(), root);
    }
}
