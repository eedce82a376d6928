package org.mproc;

/**
 * Base of everything mproc throws about processes: a child that could not start, died, or could
 * not be reached. Unchecked, like {@link java.util.concurrent.CompletionException}.
 */
public class ProcessException extends RuntimeException {
    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
