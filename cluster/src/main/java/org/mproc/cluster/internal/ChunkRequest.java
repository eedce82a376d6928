package org.mproc.cluster.internal;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.List;
import org.mproc.ProcessFunction;

/**
 * One chunk of a map, sealed into a {@link SealedTask}: the function, the items and the input
 * index of the first.
 *
 * @param function   what each item is mapped with: a {@code ProcessFunction}, typed Object so that a
 *                   lambda whose class is missing here arrives as what it is and can be named
 * @param items      the chunk's items, in input order
 * @param firstIndex the input index of {@code items.get(0)}
 */
record ChunkRequest(Object function, List<Object> items, int firstIndex) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The function, or an exception naming the class a lambda needs when it could not be rebuilt here. */
    @SuppressWarnings("unchecked")
    ProcessFunction<Object, Object> mapper() {
        if (function instanceof SerializedLambda lambda) {
            throw new IllegalStateException("class " + lambda.getCapturingClass().replace('/', '.') + " (where the lambda "
                    + lambda.getImplMethodName() + " was written) is not on the class path of this JVM");
        }
        if (!(function instanceof ProcessFunction)) {
            throw new IllegalStateException("a chunk's function is a " + function.getClass().getName() + ", not a ProcessFunction");
        }
        return (ProcessFunction<Object, Object>) function;
    }
}
