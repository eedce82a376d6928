package org.mproc;

import java.io.Serializable;
import java.util.List;

/**
 * A list shared through a {@link Manager}, like CPython's {@code Manager().list()}. Every call
 * runs in the server (G-MGR-1); an index out of range throws the server's
 * {@link IndexOutOfBoundsException} here, with its message (G-MGR-4); values and snapshots are
 * copies (G-MGR-5).
 */
public interface SharedList<E> extends Serializable {
    E get(int index);

    /** Replaces the element; returns the previous one. */
    E set(int index, E element);

    void add(E element);

    E remove(int index);

    int size();

    List<E> snapshot();

    /** Replaces the element with {@code fn} of it, atomically; returns the new element. */
    E updateAndGet(int index, ProcessFunction<E, E> fn);
}
