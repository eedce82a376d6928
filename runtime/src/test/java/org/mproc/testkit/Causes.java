package org.mproc.testkit;

/** A throwable and its causes, one per line: for assertion messages and for searching a chain. */
public final class Causes {
    private Causes() {}

    public static String text(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
        }
        return text.toString();
    }
}
