package org.mproc.internal.manager;

/**
 * How the server answers one {@code INVOKE}, now or, for a call parked in the object, later from
 * whichever thread releases it. Exactly one of the three is called, once.
 */
interface Answer {
    /** The result, encoded; null for none. */
    void value(byte[] encoded);

    /** A parked call given up by the client's {@code MGR_CANCEL}. */
    void cancelled();

    /** What the method threw. */
    void failed(Throwable t);
}
