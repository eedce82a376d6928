package org.mproc;

/**
 * Stands in for an exception that could not travel from another process (G-POOL-6 of
 * docs/GUARANTEES.md): it could not be serialized there, its class cannot be loaded here, or
 * reading it here threw. It keeps the remote class name and message, and carries the remote
 * frames as its own stack trace, so {@code printStackTrace} shows where the child failed. It
 * appears as {@link ChildProcess#failure()}, as the cause of a {@link TaskFailedException}, or
 * thrown by a manager proxy.
 *
 * <pre>{@code
 * child.failure().ifPresent(t -> {
 *     if (t instanceof RemoteTraceback remote) {
 *         System.err.println(remote.remoteClassName() + ": " + remote.remoteMessage());
 *     }
 * });
 * }</pre>
 */
public class RemoteTraceback extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** The class of the exception this one stands in for. */
    private final String remoteClassName;

    /**
     * Creates the stand-in; its message is {@code remoteClassName: message}, or the class name
     * alone when there is no message.
     *
     * @param remoteClassName the fully qualified name of the remote exception's class
     * @param message         the remote exception's message, or null
     * @param remoteFrames    the remote stack frames, which become this exception's stack trace
     * @throws NullPointerException if {@code remoteFrames} or one of its elements is null
     */
    public RemoteTraceback(String remoteClassName, String message, StackTraceElement[] remoteFrames) {
        super(remoteClassName + (message == null ? "" : ": " + message));
        this.remoteClassName = remoteClassName;
        setStackTrace(remoteFrames);
    }

    /**
     * The class of the exception this one stands in for, which may not exist in this JVM.
     *
     * @return the fully qualified class name
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /**
     * The remote exception's own message, without the class name.
     *
     * @return the message, or null if the remote exception had none
     */
    public String remoteMessage() {
        String text = getMessage();
        return text.length() > remoteClassName.length() ? text.substring(remoteClassName.length() + 2) : null;
    }
}
