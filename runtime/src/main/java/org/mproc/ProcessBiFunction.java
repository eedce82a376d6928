package org.mproc;

import java.io.Serializable;

/**
 * A function of two arguments that runs in another JVM, like {@link ProcessFunction}: it and what
 * it captures travel by serialization, and so do its arguments and result. A {@link SharedMap}'s
 * {@code merge} and {@code compute} run one in the manager's server.
 *
 * <pre>{@code
 * ProcessBiFunction<Integer, Integer, Integer> sum = Integer::sum;
 * }</pre>
 *
 * @param <T> the first argument's type
 * @param <U> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ProcessBiFunction<T, U, R> extends Serializable {
    /**
     * Computes the result in the other JVM. In a manager an unchecked exception is rethrown to the
     * caller as it is and a checked one arrives inside a {@link TaskFailedException} (G-MGR-4).
     *
     * @param t the first argument, a copy of the caller's; may be null
     * @param u the second argument, a copy of the caller's; may be null
     * @return the result, sent back as a serialized copy; may be null
     * @throws Exception anything; it is reported to the caller rather than lost
     */
    R apply(T t, U u) throws Exception;
}
