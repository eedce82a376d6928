package org.mproc.scenarios.trial;

import java.util.Optional;

/**
 * The exception graded scenarios 06 and 06b throw in a child and expect back, compared the way
 * DESIGN's checkers compare exceptions: the same class (not a subclass, not a
 * {@link org.mproc.RemoteTraceback} stand-in), the same message, and a top frame naming the method
 * that threw (G-PROC-3, G-POOL-3). A target must construct the exception where it throws it: the
 * stack trace is filled in by the constructor.
 */
public final class Scenario06Expected {
    static final String MESSAGE = "Oops!";
    /** How the expected exception reads in an outcome key. */
    public static final String TEXT = "RuntimeException: " + MESSAGE;

    private Scenario06Expected() {}

    /**
     * How {@code t} differs from {@code RuntimeException("Oops!")} thrown by {@code thrower.method},
     * or empty when it does not: one line, without pids or line numbers.
     */
    public static Optional<String> difference(Throwable t, Class<?> thrower, String method) {
        if (t.getClass() != RuntimeException.class) {
            return Optional.of("its class is " + t.getClass().getName() + ", not java.lang.RuntimeException");
        }
        if (!MESSAGE.equals(t.getMessage())) {
            return Optional.of("its message is " + quoted(t.getMessage()) + ", not '" + MESSAGE + "'");
        }
        StackTraceElement[] frames = t.getStackTrace();
        if (frames.length == 0) {
            return Optional.of("it has no stack frames");
        }
        StackTraceElement top = frames[0];
        if (!top.getClassName().equals(thrower.getName()) || !top.getMethodName().equals(method)) {
            return Optional.of("its top frame is " + top.getClassName() + "." + top.getMethodName()
                    + ", not " + thrower.getName() + "." + method);
        }
        return Optional.empty();
    }

    private static String quoted(String message) {
        return message == null ? "null" : "'" + message.lines().findFirst().orElse("") + "'";
    }
}
