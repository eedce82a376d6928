package org.mproc;

import java.io.Serializable;

/**
 * One value shared through a {@link Manager}, like CPython's {@code Manager().Value}: reads and
 * writes run in the manager's server (G-MGR-1), reads return copies (G-MGR-5), a {@code get} then
 * {@code set} is not atomic (G-MGR-2), and {@link #updateAndGet} is (G-MGR-3). A proxy is
 * serializable, may be shared by threads, and fails with {@link ProcessException} once the
 * manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * SharedValue<Integer> counter = manager.value(0);
 * counter.updateAndGet(v -> v + 1);   // 1, whatever other processes do meanwhile
 * }</pre>
 *
 * @param <T> the value's type
 */
public interface SharedValue<T> extends Serializable {
    /**
     * The current value, as a copy (G-MGR-5).
     *
     * @return the value; null if it is null
     * @throws ProcessException if the manager's server is gone, or the value cannot be
     *                          deserialized here
     */
    T get();

    /**
     * Replaces the value; every process sees it once this returns (G-MGR-1).
     *
     * @param value the new value, serialized now; may be null
     * @throws IllegalArgumentException if {@code value} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    void set(T value);

    /**
     * Replaces the value with {@code fn} of it, in the server, atomically (G-MGR-3).
     *
     * @param fn the function, serialized and run in the server on the current value
     * @return a copy of the new value
     * @throws NullPointerException     if {@code fn} is null
     * @throws IllegalArgumentException if {@code fn} or its result cannot be serialized
     * @throws TaskFailedException      if {@code fn} threw a checked exception (it is the cause); an
     *                                  unchecked one is rethrown as it is (G-MGR-4)
     * @throws ProcessException         if the manager's server is gone
     */
    T updateAndGet(ProcessFunction<T, T> fn);
}
