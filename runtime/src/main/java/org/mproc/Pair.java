package org.mproc;

import java.io.Serializable;

/**
 * The two arguments of one {@link Pool#starmap(ProcessBiFunction, Iterable)} task, CPython's
 * argument tuple: the pair travels to the worker as it is, a serialized copy, and the function gets
 * its components (G-POOL-13 of docs/GUARANTEES.md). Either may be null, as a Python argument may be
 * {@code None}.
 *
 * <pre>{@code
 * List<Pair<String, Integer>> args = List.of(Pair.of("a", 3), Pair.of("b", 2));
 * pool.starmap(String::repeat, args);   // ["aaa", "bb"]
 * }</pre>
 *
 * <p>A record rather than {@link java.util.Map.Entry}, because it must cross to the worker: most
 * entries are not {@link Serializable} ({@code Map.entry}'s, {@code HashMap}'s) and refuse or drop
 * nulls, and copying each into something that is would cost {@code starmap} an object per task
 * that {@code map} does not pay. Its components must be serializable, like any argument (G-POOL-7).
 *
 * @param <A>    the first argument's type
 * @param <B>    the second argument's type
 * @param first  the first argument; may be null
 * @param second the second argument; may be null
 * @serial exclude
 */
// Not on the serialized-form page: a record's serialized form is its components, documented above,
// and JDK 17's javadoc cannot take their comments there ("no comment", which fails the build).
public record Pair<A, B>(A first, B second) implements Serializable {
    /**
     * The pair {@code (first, second)}.
     *
     * @param <A>    the first argument's type
     * @param <B>    the second argument's type
     * @param first  the first argument; may be null
     * @param second the second argument; may be null
     * @return a new pair
     */
    public static <A, B> Pair<A, B> of(A first, B second) {
        return new Pair<>(first, second);
    }
}
