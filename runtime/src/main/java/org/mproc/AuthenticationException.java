package org.mproc;

/**
 * A peer failed the mutual HMAC-SHA256 challenge: it does not hold this process tree's secret
 * (G-MGR-6 of docs/GUARANTEES.md). Thrown where a connection is made, for example by the first
 * proxy or queue call that reaches a server of another tree; no operation ran and nothing the
 * peer sent was deserialized.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which side refused the other, and why
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
