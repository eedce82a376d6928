package org.mproc;

import java.io.Serializable;

/**
 * One value shared through a {@link Manager}, like CPython's {@code Manager().Value}: reads and
 * writes run in the manager's server (G-MGR-1), reads return copies (G-MGR-5), and
 * {@link #updateAndGet} is atomic (G-MGR-3).
 */
public interface SharedValue<T> extends Serializable {
    T get();

    void set(T value);

    T updateAndGet(ProcessFunction<T, T> fn);
}
