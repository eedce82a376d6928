package org.mproc;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A list shared through a {@link Manager}, like CPython's {@code Manager().list()}. Every call
 * runs in the server (G-MGR-1); an index out of range throws the server's
 * {@link IndexOutOfBoundsException} here, with its message (G-MGR-4); values and snapshots are
 * copies (G-MGR-5); {@link #updateAndGet} and {@link #addAll} are atomic (G-MGR-3, G-MGR-10);
 * iterating walks a snapshot taken when the iteration starts. Null elements are allowed. A proxy
 * is serializable, may be shared by threads, and fails with {@link ProcessException} once the
 * manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * SharedList<String> log = manager.list();
 * log.add("started");
 * log.addAll(List.of("a", "b"));
 * log.indexOf("a");   // 1
 * for (String line : log) {   // a snapshot: started, a, b
 *     System.out.println(line);
 * }
 * }</pre>
 *
 * @param <E> the element type
 */
public interface SharedList<E> extends Serializable, Iterable<E> {
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

    /**
     * Appends every element, in the collection's order, in one atomic step: no other call's
     * element lands between them (G-MGR-10).
     *
     * @param elements the elements, each serialized now; nulls allowed
     * @return whether the list changed (false for an empty collection)
     * @throws NullPointerException     if {@code elements} is null
     * @throws IllegalArgumentException if an element cannot be serialized (then none is added)
     * @throws ProcessException         if the manager's server is gone
     */
    boolean addAll(Collection<? extends E> elements);

    /**
     * Removes every element.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void clear();

    /**
     * The position of the first element {@code equals} to {@code element} (compared in the
     * server), as {@link List#indexOf}.
     *
     * @param element the element to look for; may be null
     * @return its first index, or −1 if the list has no such element
     * @throws IllegalArgumentException if {@code element} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    int indexOf(E element);

    /**
     * Whether the list has an element {@code equals} to {@code element}.
     *
     * @param element the element to look for; may be null
     * @return {@code indexOf(element) >= 0}
     * @throws IllegalArgumentException if {@code element} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    default boolean contains(E element) {
        return indexOf(element) >= 0;
    }

    /**
     * Iterates over a {@link #snapshot()} taken now: later changes by anyone are not seen, and
     * the iterator's {@code remove} is not supported.
     *
     * @return an iterator over copies of the elements
     * @throws ProcessException if the manager's server is gone
     */
    @Override
    default Iterator<E> iterator() {
        return Collections.unmodifiableList(snapshot()).iterator();
    }
}
