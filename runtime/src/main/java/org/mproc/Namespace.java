package org.mproc;

import java.io.Serializable;

/**
 * Named attributes shared through a {@link Manager}, like CPython's {@code Manager().Namespace()}.
 * Each call runs in the manager's server; a write is visible to every process once it returns
 * (G-MGR-1), and values come back as copies (G-MGR-5). {@code get} then {@code set} is two calls
 * and not atomic (G-MGR-2); {@link #updateAndGet} runs the function in the server, atomically
 * (G-MGR-3). A proxy is serializable, may be shared by threads, and fails with
 * {@link ProcessException} once the manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * Namespace ns = manager.namespace();
 * ns.set("value", 0);
 * ns.updateAndGet("value", (Integer v) -> v + 1);   // 1, whatever other processes do meanwhile
 * }</pre>
 */
public interface Namespace extends Serializable {
    /**
     * The attribute's value, as a copy (G-MGR-5).
     *
     * @param <T>  the value's type as the caller expects it; the cast is unchecked
     * @param name the attribute's name
     * @return the value; null if null was set
     * @throws NullPointerException             if {@code name} is null
     * @throws java.util.NoSuchElementException if the attribute was never set
     * @throws ProcessException                 if the manager's server is gone, or the value
     *                                          cannot be deserialized here
     */
    <T> T get(String name);

    /**
     * Sets the attribute, creating it if needed; every process sees the new value once this
     * returns (G-MGR-1).
     *
     * @param name  the attribute's name
     * @param value the value, serialized now; may be null
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code value} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    void set(String name, Object value);

    /**
     * Removes the attribute, as CPython's {@code del ns.name}; every process sees it gone once this
     * returns (G-MGR-1).
     *
     * @param <T>  the value's type as the caller expects it; the cast is unchecked
     * @param name the attribute's name
     * @return the value it had, as a copy; null if null was set
     * @throws NullPointerException             if {@code name} is null
     * @throws java.util.NoSuchElementException if the attribute was never set or is already
     *                                          removed (CPython: {@code AttributeError})
     * @throws ProcessException                 if the manager's server is gone, or the value
     *                                          cannot be deserialized here
     */
    <T> T remove(String name);

    /**
     * Replaces the attribute with {@code fn} of it, in the server, atomically: no other call on
     * this namespace runs in between (G-MGR-3).
     *
     * @param <T>  the value's type
     * @param name the attribute's name
     * @param fn   the function, serialized and run in the server on the current value; keep it short,
     *             since the namespace waits for it
     * @return a copy of the new value
     * @throws NullPointerException             if {@code name} or {@code fn} is null
     * @throws java.util.NoSuchElementException if the attribute was never set
     * @throws IllegalArgumentException         if {@code fn} or its result cannot be serialized
     * @throws TaskFailedException              if {@code fn} threw a checked exception (it is the
     *                                          cause); an unchecked one is rethrown as it is
     *                                          (G-MGR-4)
     * @throws ProcessException                 if the manager's server is gone
     */
    <T> T updateAndGet(String name, ProcessFunction<T, T> fn);
}
