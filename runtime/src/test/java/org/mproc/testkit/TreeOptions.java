package org.mproc.testkit;

import java.util.concurrent.Callable;

/**
 * Runs a piece of a test with another {@code -Dmproc.childJvmOptions} for the children it starts,
 * then puts back what was there (Surefire's {@code -Xmx64m}). Only for what cannot be tested
 * otherwise, such as the default heap a child gets when no option sets one: the property is
 * global, so a child that something else in this JVM starts meanwhile (a spare refilled, a pool
 * worker replaced) also runs with the value set here. Surefire runs the tests of a fork one at a
 * time, so that is at worst a leftover of an earlier test starting with a bigger heap, never a
 * wrong result.
 *
 * <pre>{@code
 * ChildProcess p = TreeOptions.with("", () -> reaper.start(ChildProcess.builder().target(...).build()));
 * }</pre>
 */
public final class TreeOptions {
    private static final String PROPERTY = "mproc.childJvmOptions";

    private TreeOptions() {}

    /** Calls {@code body} with {@code options} (empty for none) as the tree-wide options. */
    public static <T> T with(String options, Callable<T> body) throws Exception {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, options);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
