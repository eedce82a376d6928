package org.mproc.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Java serialization of what travels inside an {@link Envelope}: only ever applied to a payload
 * whose tag was checked, so what is decoded was sealed by a holder of the cluster's secret.
 */
final class Codec {
    private Codec() {}

    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] payload) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a sealed payload: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + e.getMessage() + " is not on the class path of this JVM ("
                    + ProcessHandle.current().pid() + ")", e);
        }
    }
}
