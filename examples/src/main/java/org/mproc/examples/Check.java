package org.mproc.examples;

/**
 * The examples' one assertion. Java's {@code assert} is off unless the JVM runs with {@code -ea},
 * and an example that passes without checking anything would teach nothing, so each program
 * checks its results with this and fails loudly instead.
 */
final class Check {
    private Check() {}

    /** Throws {@link IllegalStateException} with {@code message} unless {@code ok}. */
    static void that(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
