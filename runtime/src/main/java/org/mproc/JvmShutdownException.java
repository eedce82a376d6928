package org.mproc;

/**
 * This JVM is shutting down, so mproc cancelled the work or refused to start it (G-PROC-11 of
 * docs/GUARANTEES.md). The JVM shuts down on {@code System.exit}, at the end of its last non-daemon
 * thread, and on SIGTERM, SIGINT (Ctrl-C) or SIGHUP. From then on every pool call still in flight
 * or pending fails with this exception, and so does every new submission, {@code new Pool(…)} and
 * {@link ChildProcess#start()}: the pool's workers are about to be terminated with this JVM, and a
 * child started now would be an orphan. A worker's end during shutdown is never reported as
 * {@link WorkerDiedException}, and no worker is replaced.
 *
 * <p>It is not a failure of the work itself: a caller that catches {@link ProcessException} to
 * retry or report can let this one pass, since the program is on its way out anyway.
 *
 * <pre>{@code
 * try {
 *     pool.map(x -> x * x, numbers);
 * } catch (JvmShutdownException e) {
 *     // SIGTERM or Ctrl-C during the call: nothing to retry or report, this JVM is exiting
 * }
 * }</pre>
 */
public class JvmShutdownException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was cancelled or refused; it says that this JVM is shutting down
     */
    public JvmShutdownException(String message) {
        super(message);
    }
}
