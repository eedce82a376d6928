package org.mproc.reports.stats;

/**
 * A JMH JSON file that cannot be read as results: the message names the file, the entry (index and
 * benchmark) and the field, e.g. {@code out/jmh/k2.json: entry 3 (…MapScalingBenchmark.mproc):
 * primaryMetric.score: expected a number, found "fast"}.
 */
public final class JmhJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JmhJsonException(String message) {
        super(message);
    }

    public JmhJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
