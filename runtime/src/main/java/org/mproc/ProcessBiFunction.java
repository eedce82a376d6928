package org.mproc;

import java.io.Serializable;

/**
 * A function of two arguments that runs in another JVM: what a {@link Pool}'s
 * {@link Pool#starmap(ProcessBiFunction, Iterable)} applies to each {@link Pair} of its input in a
 * worker (G-POOL-13), or what a {@link SharedMap}'s {@code merge} and {@code compute} run in a
 * {@link Manager}'s server (G-MGR-10). It and what it captures travel by serialization, like a
 * {@link ProcessFunction}; a lambda or method reference calling a static method is the usual shape.
 * Its arguments and result travel as serialized copies too.
 *
 * <pre>{@code
 * ProcessBiFunction<Integer, Integer, Integer> multiply = (a, b) -> a * b;
 * }</pre>
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ProcessBiFunction<A, B, R> extends Serializable {
    /**
     * Computes the result in the other JVM. In a pool an exception becomes the call's
     * {@link TaskFailedException} (G-POOL-3); in a manager an unchecked one is rethrown to the
     * caller as it is and a checked one arrives inside a {@link TaskFailedException} (G-MGR-4).
     *
     * @param a the first argument, a copy of the caller's; may be null
     * @param b the second argument, a copy of the caller's; may be null
     * @return the result, sent back as a serialized copy; may be null
     * @throws Exception anything; it is reported to the caller rather than lost
     */
    R apply(A a, B b) throws Exception;
}
