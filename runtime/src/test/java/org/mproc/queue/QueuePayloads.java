package org.mproc.queue;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The elements {@link ProcessQueuePropertyTest} sends through queues: one of each shape the codec
 * treats its own way — an {@code Integer}, a string (lone surrogates go as UTF-16), a raw
 * {@code byte[]}, a record holding a list and an array (JDK serialization), nested
 * {@code ArrayList}s (the codec's LIST path, or the JDK path when an immutable list is inside),
 * and {@code null}. Producer {@code p}'s element {@code n} is tagged {@code p<p>-<n>} where the
 * shape allows, so no two elements are equal and the checker can judge their order.
 */
final class QueuePayloads {
    private QueuePayloads() {}

    enum Kind { INT, STRING, BYTES, RECORD, NESTED, NULL }

    /** What the generator draws for one element; the producer's element is made distinct from it. */
    record Shape(Kind kind, int number, String text, byte[] bytes, List<Integer> numbers) {
        @Override
        public String toString() {
            return kind + "(" + number + ", " + text.codePoints().mapToObj(Integer::toHexString)
                    .collect(Collectors.joining(" ", "[", "]")) + ", " + Arrays.toString(bytes) + ", " + numbers + ")";
        }
    }

    /** A byte array with value equality, so histories can compare arrays. */
    record Blob(String tag, byte[] data) implements Serializable {
        @Override
        public boolean equals(Object o) {
            return o instanceof Blob b && b.tag.equals(tag) && Arrays.equals(b.data, data);
        }

        @Override
        public int hashCode() {
            return tag.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return tag + Arrays.toString(data);
        }
    }

    /** A record payload: it travels by JDK serialization, and holds a list and an array. */
    record Item(String tag, int number, List<Integer> numbers, Blob blob) implements Serializable {}

    /** Element {@code n} of producer {@code p}: the drawn shape, tagged so no other element equals it. */
    static Object element(int p, int n, Shape s) {
        String tag = "p" + p + "-" + n;
        switch (s.kind()) {
            case INT: {
                int magnitude = (p + 1) * 1_000_000 + n;
                return s.number() < 0 ? -magnitude : magnitude;
            }
            case STRING:
                return tag + ":" + s.text();
            case BYTES: {
                byte[] prefix = (tag + ":").getBytes(StandardCharsets.US_ASCII);
                byte[] all = Arrays.copyOf(prefix, prefix.length + s.bytes().length);
                System.arraycopy(s.bytes(), 0, all, prefix.length, s.bytes().length);
                return all;
            }
            case RECORD:
                return new Item(tag, s.number(), new ArrayList<>(s.numbers()), new Blob("blob", s.bytes()));
            case NESTED: {
                // All ArrayLists of fast shapes take the codec's LIST path; an immutable list inside
                // (odd numbers) sends the whole value down the JDK path.
                List<Object> nested = new ArrayList<>();
                nested.add(tag);
                nested.add(new ArrayList<>(s.numbers()));
                nested.add(new ArrayList<>(List.of(s.text(), s.number())));
                if ((s.number() & 1) != 0) {
                    nested.add(List.of(s.number(), tag));
                }
                return nested;
            }
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException(s.kind().toString());
        }
    }

    /** The value a history records for an element: arrays become {@link Blob}s, compared by content. */
    static Object recorded(Object element) {
        return element instanceof byte[] b ? new Blob("byte[]", b.clone()) : element;
    }
}
