package org.mproc;

import java.io.Serializable;

/**
 * Named attributes shared through a {@link Manager}, like CPython's {@code Manager().Namespace()}.
 * Each call runs in the manager's server; a write is visible to every process once it returns
 * (G-MGR-1), and values come back as copies (G-MGR-5). {@code get} then {@code set} is two calls
 * and not atomic (G-MGR-2); {@link #updateAndGet} runs the function in the server, atomically
 * (G-MGR-3).
 *
 * <pre>{@code
 * Namespace ns = manager.namespace();
 * ns.set("value", 0);
 * ns.updateAndGet("value", (Integer v) -> v + 1);   // 1, whatever other processes do meanwhile
 * }</pre>
 */
public interface Namespace extends Serializable {
    /** The attribute's value; {@link java.util.NoSuchElementException} if it was never set. */
    <T> T get(String name);

    void set(String name, Object value);

    /** Replaces the attribute with {@code fn} of it, in the server, atomically; returns the new value. */
    <T> T updateAndGet(String name, ProcessFunction<T, T> fn);
}
