package org.mproc;

/**
 * Stands in for an exception that could not travel from a child: its class could not be
 * serialized, or cannot be loaded here. It keeps the remote class name and message, and carries the
 * remote frames as its own stack trace, so {@code printStackTrace} shows where the child failed.
 */
public class RemoteTraceback extends ProcessException {
    private final String remoteClassName;

    public RemoteTraceback(String remoteClassName, String message, StackTraceElement[] remoteFrames) {
        super(remoteClassName + (message == null ? "" : ": " + message));
        this.remoteClassName = remoteClassName;
        setStackTrace(remoteFrames);
    }

    public String remoteClassName() {
        return remoteClassName;
    }

    /** The remote exception's own message, without the class name. */
    public String remoteMessage() {
        String text = getMessage();
        return text.length() > remoteClassName.length() ? text.substring(remoteClassName.length() + 2) : null;
    }
}
