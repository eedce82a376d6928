package org.mproc.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The encoding of what travels inside an {@link Envelope}: the local runtime's standard codec
 * ({@link org.mproc.internal.wire.codec.Codec#standard()}: compact forms for strings, boxed values,
 * lists, maps, records and lambdas of those, JDK serialization behind its input filter for the
 * rest), so a value crosses a cluster as it crosses a pool's socket. Only ever applied to a payload
 * whose tag was checked, so what is decoded was sealed by a holder of the cluster's secret.
 */
final class Codec {
    private static final org.mproc.internal.wire.codec.Codec STANDARD = org.mproc.internal.wire.codec.Codec.standard();

    private Codec() {}

    /** @throws java.io.NotSerializableException naming the class that cannot be written */
    static byte[] encode(Object value) throws IOException {
        return STANDARD.encode(value);
    }

    /**
     * @throws IllegalStateException naming the class and this JVM's pid when a class the payload
     *                               needs is not on this JVM's class path
     * @throws UncheckedIOException  when the payload cannot be read
     */
    static Object decode(byte[] payload) {
        try {
            return STANDARD.decode(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a sealed payload: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + e.getMessage() + " is not on the class path of this JVM ("
                    + ProcessHandle.current().pid() + ")", e);
        }
    }
}
