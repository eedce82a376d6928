package org.mproc.harness;

import java.util.Objects;

/**
 * What one trial of a scenario observed, as a stable text that an {@link OutcomeTable} grades:
 * {@code "5"}, {@code "in input order, completion order differed"}. Keys are compared exactly, so
 * they hold no pids, times or other values that change between runs unless a row matches them by
 * pattern.
 *
 * @param key the observed outcome; one line, not blank
 */
public record Outcome(String key) {
    public Outcome {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an outcome key is one non-blank line, got: '" + key + "'");
        }
    }

    public static Outcome of(String key) {
        return new Outcome(key);
    }

    /** The outcome of a trial whose code threw: the class and the first line of the message. */
    public static Outcome threw(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return new Outcome("threw " + t.getClass().getName() + message);
    }

    @Override
    public String toString() {
        return key;
    }
}
