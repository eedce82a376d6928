package org.mproc.internal.wire;

/** A payload over the frame limit, refused in the sender before a byte is written. */
public final class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public FrameTooLargeException(String what, long size, long limit) {
        super(what + " is " + size + " bytes, over the frame limit of " + limit
                + " bytes (raise it with -Dmproc.maxFrame=<bytes>)");
    }
}
