package org.mproc;

/**
 * A peer failed the mutual HMAC challenge: it does not hold this process tree's secret. No
 * operation ran and nothing it sent was deserialized.
 */
public class AuthenticationException extends ProcessException {
    public AuthenticationException(String message) {
        super(message);
    }
}
