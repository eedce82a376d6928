package org.mproc.reports.bench;

import java.io.Serializable;

/**
 * The small record of the user-shapes suite's queue shapes ({@link ShapesQueueBenchmark}): three
 * fields, the kind of value a user puts on a queue. A record is not one of the shapes mproc's codec
 * encodes compactly, so it travels by JDK serialization, as a user's own class would. CPython's twin
 * is the {@code Order} dataclass of {@code scripts/cpython/shapes_queue.py}, built by the same rule.
 */
record Order(long id, String item, double amount) implements Serializable {
    /** The record with id {@code id}; CPython builds it alike: {@code Order(id, f"item-{id % 100}", id * 0.5)}. */
    static Order of(long id) {
        return new Order(id, "item-" + id % 100, id * 0.5);
    }

    /** What a pipeline's consumer sends on: the same order at twice the amount. */
    Order doubled() {
        return new Order(id, item, amount * 2);
    }
}
