package org.mproc.internal.wire;

import java.io.IOException;

/**
 * The peer broke the wire protocol: an unknown or unexpected frame type, a length over the limit, a
 * frame cut short. The connection that carried it is closed; nothing else is affected.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
