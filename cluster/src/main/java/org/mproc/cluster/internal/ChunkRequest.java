package org.mproc.cluster.internal;

import java.io.Serializable;
import java.util.List;
import org.mproc.ProcessFunction;

/**
 * One chunk of a map, sealed into a {@link SealedTask}: the function, the items and the input
 * index of the first.
 *
 * @param function   what each item is mapped with: a {@code ProcessFunction}, serialized once for
 *                   the whole call ({@link Chunks#encodeFunction}) and read here on its own, so that
 *                   a lambda whose class is missing arrives as what it is and can be named
 * @param items      the chunk's items, in input order
 * @param firstIndex the input index of {@code items.get(0)}
 */
record ChunkRequest(byte[] function, List<Object> items, int firstIndex) implements Serializable {
    private static final long serialVersionUID = 2L;

    /**
     * The function, decoded once per member thread ({@link KeptFunctions}), or an exception naming
     * the class it needs when it could not be rebuilt here.
     *
     * @throws IllegalStateException when a class the function needs is not on this JVM's class path
     */
    ProcessFunction<Object, Object> mapper() {
        return KeptFunctions.of(function);
    }
}
