package org.mproc.reports.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mproc.ProcessFunction;
import org.mproc.ProcessQueue;
import org.mproc.ProcessTask;

/**
 * What the children of {@link ShapesQueueBenchmark} run, in a class of its own (a child loads the
 * class that defines a lambda; the benchmark class would drag JMH into it). Each is written as a user
 * would write it, and as {@code scripts/cpython/shapes_queue.py} does: consumers stop at a
 * {@code null} sentinel, as CPython's stop at {@code None}, and the producers put the sentinels after
 * their records, so no consumer can stop while a record is still ahead of its sentinel.
 */
final class ShapeTasks {
    /** A 1 KiB message carries its id in its first 8 bytes, little-endian (CPython: {@code id.to_bytes(8, "little")}). */
    static final int MESSAGE_BYTES = 1024;

    private ShapeTasks() {}

    /**
     * Producer {@code index} of {@code producers}: puts the records whose id is {@code index} modulo
     * {@code producers}, of ids 0 .. n-1, then {@code sentinels} nulls; answers what it put.
     */
    static ProcessFunction<Integer, Tally> producer(ProcessQueue<Order> queue, int index, int producers, int sentinels) {
        return n -> {
            long count = 0;
            long idSum = 0;
            for (long id = index; id < n; id += producers) {
                queue.put(Order.of(id));
                count++;
                idSum += id;
            }
            for (int i = 0; i < sentinels; i++) {
                queue.put(null);
            }
            return new Tally(count, idSum);
        };
    }

    /**
     * Takes records until it takes a sentinel; with {@code results} not null (the pipeline) it puts
     * each record on, doubled, and its own tally last, as its end mark. Answers what it took.
     */
    static ProcessFunction<Integer, Tally> consumer(ProcessQueue<Order> queue, ProcessQueue<Object> results) {
        return ignored -> {
            long count = 0;
            long idSum = 0;
            for (Order o = queue.take(); o != null; o = queue.take()) {
                if (results != null) {
                    results.put(o.doubled());
                }
                count++;
                idSum += o.id();
            }
            Tally taken = new Tally(count, idSum);
            if (results != null) {
                results.put(taken);
            }
            return taken;
        };
    }

    /** The fresh producer: {@code n} messages of {@value #MESSAGE_BYTES} bytes, ids 0 .. n-1. */
    static ProcessTask bytesProducer(ProcessQueue<byte[]> queue, int n) {
        return () -> {
            for (long id = 0; id < n; id++) {
                byte[] message = new byte[MESSAGE_BYTES];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putLong(0, id);
                queue.put(message);
            }
        };
    }

    /** The id a {@link #bytesProducer} message carries. */
    static long idOf(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }
}
