package org.mproc;

import java.io.Serializable;

/**
 * A function that runs in another JVM: a {@link Pool}'s worker, or a {@link Manager}'s server for
 * {@code updateAndGet}. It and what it captures travel by serialization, so captured values must
 * be {@link Serializable}; a lambda or method reference calling a static method is the usual shape.
 * Its arguments and results travel as serialized copies too.
 *
 * <pre>{@code
 * ProcessFunction<Integer, Integer> square = x -> x * x;
 * }</pre>
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ProcessFunction<T, R> extends Serializable {
    /**
     * Computes the result in the other JVM. In a pool an exception becomes the call's
     * {@link TaskFailedException} (G-POOL-3); in a manager an unchecked one is rethrown to the
     * caller as it is and a checked one arrives inside a {@link TaskFailedException} (G-MGR-4).
     *
     * @param t the argument, a copy of the caller's; may be null
     * @return the result, sent back as a serialized copy; may be null
     * @throws Exception anything; it is reported to the caller rather than lost
     */
    R apply(T t) throws Exception;
}
