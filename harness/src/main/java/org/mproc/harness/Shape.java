package org.mproc.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Values for some of a scenario's {@link Dimensions}, in order: what a trial used, what a shrink
 * found, or what {@code --shape elements=40,producers=1} asks for (G-HAR-6). Its text form is the
 * one {@link #parse} reads, so a printed shape can be pasted back on the command line.
 *
 * <pre>{@code
 * Shape shape = Shape.parse("elements=40,producers=1");
 * shape.get("elements");            // OptionalInt[40]
 * shape.with("producers", 2);       // elements=40,producers=2
 * }</pre>
 */
public final class Shape {
    private static final Shape NONE = new Shape(new LinkedHashMap<>());

    private final Map<String, Integer> values;

    private Shape(LinkedHashMap<String, Integer> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No value: every dimension as the profile draws or fixes it. */
    public static Shape none() {
        return NONE;
    }

    /**
     * Reads {@code name=value[,name=value…]}; blank text is {@link #none()}. Whether the names are
     * declared and the values above their minimums is for {@link Dimensions#check} to say.
     *
     * @throws IllegalArgumentException naming the part that is not {@code name=integer}, a negative
     *                                  value or a name given twice
     */
    public static Shape parse(String text) {
        Shape shape = NONE;
        if (text == null || text.isBlank()) {
            return shape;
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("shape part '" + part.trim() + "' is not name=value (e.g. elements=40)");
            }
            String name = part.substring(0, eq).trim();
            String number = part.substring(eq + 1).trim();
            int value;
            try {
                value = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape dimension " + name + ": '" + number + "' is not an integer");
            }
            if (shape.values.containsKey(name)) {
                throw new IllegalArgumentException("shape dimension " + name + " is given twice");
            }
            shape = shape.with(name, value);
        }
        return shape;
    }

    /**
     * This shape with {@code name} set to {@code value}, in its place if present, else last.
     *
     * @throws IllegalArgumentException when the value is negative
     */
    public Shape with(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("shape dimension " + name + " = " + value + " is negative");
        }
        LinkedHashMap<String, Integer> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new Shape(more);
    }

    /** The value of {@code name}, empty when this shape does not set it. */
    public OptionalInt get(String name) {
        Integer v = values.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Every value by name, in order; unmodifiable. */
    public Map<String, Integer> values() {
        return values;
    }

    /** Whether no dimension is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code elements=40,producers=1}: the form {@link #parse} reads; empty for no value. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && values.equals(((Shape) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
