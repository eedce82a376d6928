package org.mproc;

/**
 * Base of everything mproc throws about processes: a child that could not start, died, or could
 * not be reached — a pool terminated under a call, a queue's host that died (G-QUEUE-6), a closed
 * manager (G-MGR-8), work cancelled because this JVM is shutting down
 * ({@link JvmShutdownException}, G-PROC-11). A method that does not declare {@link InterruptedException} also throws it,
 * with the interrupt status set again, when interrupted while waiting. Unchecked, like
 * {@link java.util.concurrent.CompletionException}; misuse is reported with the JDK's
 * {@link IllegalArgumentException}, {@link IllegalStateException} and
 * {@link NullPointerException} instead.
 *
 * <pre>{@code
 * manager.close();
 * try {
 *     shared.get("value");
 * } catch (ProcessException e) {
 *     // the manager's server is gone (G-MGR-8)
 * }
 * }</pre>
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed
     */
    public ProcessException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that led to it.
     *
     * @param message what failed
     * @param cause   the underlying failure, or null if there is none
     */
    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
