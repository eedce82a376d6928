package org.mproc.reports.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The numeric fields of {@link JmhJson}: numbers that may be strings, raw data, histograms. */
final class JsonNumbers {
    private JsonNumbers() {}

    /** A JSON number, or a string holding one ("NaN", "Infinity", "-Infinity", "1.5"). */
    static double number(JsonNode n, String field, JmhJson.Where where) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": case "+Infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw where.error(field, "expected a number, found \"" + s + "\"");
                    }
            }
        }
        throw where.error(field, n.isMissingNode() ? "is missing" : "expected a number, found " + n);
    }

    /** {@code rawData}: per fork, the iteration scores; each must be finite. */
    static List<List<Double>> rawData(JsonNode raw, JmhJson.Where where) {
        List<List<Double>> forks = new ArrayList<>();
        for (int f = 0; f < array(raw, "primaryMetric.rawData", where).size(); f++) {
            String forkField = "primaryMetric.rawData[" + f + "]";
            JsonNode fork = array(raw.get(f), forkField, where);
            List<Double> iterations = new ArrayList<>();
            for (int i = 0; i < fork.size(); i++) {
                iterations.add(finite(fork.get(i), forkField + "[" + i + "]", where));
            }
            forks.add(iterations);
        }
        return forks;
    }

    /**
     * {@code rawDataHistogram}: per fork, per iteration, {@code [value, count]} pairs; each iteration
     * becomes its count-weighted mean. A missing histogram is no raw data.
     */
    static List<List<Double>> histogramMeans(JsonNode histogram, JmhJson.Where where) {
        List<List<Double>> forks = new ArrayList<>();
        if (histogram.isMissingNode() || histogram.isNull()) {
            return forks;
        }
        String field = "primaryMetric.rawDataHistogram";
        for (int f = 0; f < array(histogram, field, where).size(); f++) {
            JsonNode fork = array(histogram.get(f), field + "[" + f + "]", where);
            List<Double> iterations = new ArrayList<>();
            for (int i = 0; i < fork.size(); i++) {
                String iterationField = field + "[" + f + "][" + i + "]";
                JsonNode pairs = array(fork.get(i), iterationField, where);
                double sum = 0;
                double count = 0;
                for (int p = 0; p < pairs.size(); p++) {
                    String pairField = iterationField + "[" + p + "]";
                    JsonNode pair = array(pairs.get(p), pairField, where);
                    if (pair.size() != 2) {
                        throw where.error(pairField, "expected [value, count], found " + pair);
                    }
                    double value = finite(pair.get(0), pairField + "[0]", where);
                    double n = finite(pair.get(1), pairField + "[1]", where);
                    if (n < 0) {
                        throw where.error(pairField + "[1]", "negative count " + n);
                    }
                    sum += value * n;
                    count += n;
                }
                if (count > 0) {
                    iterations.add(sum / count);
                }
            }
            forks.add(iterations);
        }
        return forks;
    }

    private static double finite(JsonNode n, String field, JmhJson.Where where) {
        double v = number(n, field, where);
        if (!Double.isFinite(v)) {
            throw where.error(field, "is not finite: " + v);
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field, JmhJson.Where where) {
        if (!n.isArray()) {
            throw where.error(field, "expected an array, found " + n.getNodeType());
        }
        return n;
    }
}
