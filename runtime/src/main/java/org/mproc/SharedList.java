package org.mproc;

import java.io.Serializable;
import java.util.List;

/**
 * A list shared through a {@link Manager}, like CPython's {@code Manager().list()}. Every call
 * runs in the server (G-MGR-1); an index out of range throws the server's
 * {@link IndexOutOfBoundsException} here, with its message (G-MGR-4); values and snapshots are
 * copies (G-MGR-5); {@link #updateAndGet} is atomic (G-MGR-3). Null elements are allowed. A proxy
 * is serializable, may be shared by threads, and fails with {@link ProcessException} once the
 * manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * SharedList<String> log = manager.list();
 * log.add("started");
 * log.get(0);   // "started"
 * }</pre>
 *
 * @param <E> the element type
 */
public interface SharedList<E> extends Serializable {
    /**
     * The element at {@code index}, as a copy.
     *
     * @param index the position, from 0
     * @return the element; null if it is null
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws ProcessException          if the manager's server is gone
     */
    E get(int index);

    /**
     * Replaces the element at {@code index}.
     *
     * @param index   the position, from 0
     * @param element the new element, serialized now; may be null
     * @return the previous element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if {@code element} cannot be serialized
     * @throws ProcessException          if the manager's server is gone
     */
    E set(int index, E element);

    /**
     * Appends the element at the end.
     *
     * @param element the element, serialized now; may be null
     * @throws IllegalArgumentException if {@code element} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    void add(E element);

    /**
     * Removes the element at {@code index}, shifting later ones down.
     *
     * @param index the position, from 0
     * @return the removed element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws ProcessException          if the manager's server is gone
     */
    E remove(int index);

    /**
     * The number of elements now; others may change it at once.
     *
     * @return the size
     * @throws ProcessException if the manager's server is gone
     */
    int size();

    /**
     * A copy of the whole list as it is now, taken atomically; changing it does not change the
     * shared list.
     *
     * @return a new list, in order
     * @throws ProcessException if the manager's server is gone
     */
    List<E> snapshot();

    /**
     * Replaces the element at {@code index} with {@code fn} of it, in the server, atomically
     * (G-MGR-3).
     *
     * @param index the position, from 0
     * @param fn    the function, serialized and run in the server on the current element
     * @return a copy of the new element
     * @throws NullPointerException      if {@code fn} is null
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if {@code fn} or its result cannot be serialized
     * @throws TaskFailedException       if {@code fn} threw a checked exception (it is the cause);
     *                                   an unchecked one is rethrown as it is (G-MGR-4)
     * @throws ProcessException          if the manager's server is gone
     */
    E updateAndGet(int index, ProcessFunction<E, E> fn);
}
