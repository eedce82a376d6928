package org.mproc.reports.bench;

import java.util.concurrent.CompletableFuture;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.ProcessQueue;

/**
 * The tasks the queue benchmarks run in pool workers, in a small class of their own: a worker
 * loads the class that defines a lambda, and a benchmark class would drag JMH into the worker.
 */
final class QueueTasks {
    private QueueTasks() {}

    /** The element a benchmark sends: a small int, or 1 KiB of bytes. */
    static Object payload(String kind) {
        return kind.equals("bytes1k") ? new byte[1024] : (Object) 7;
    }

    static ProcessFunction<Integer, Integer> producer(ProcessQueue<Object> queue, String kind) {
        return n -> {
            Object element = payload(kind);
            for (int i = 0; i < n; i++) {
                queue.put(element);
            }
            return n;
        };
    }

    static ProcessFunction<Integer, Integer> consumer(ProcessQueue<Object> queue) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.take();
            }
            return n;
        };
    }

    /**
     * One producer and one consumer, two workers of {@code pool}, move {@code n} elements through a
     * fresh queue hosted by this JVM; returns when both are done (the three-process shape).
     */
    static int childToChild(Pool pool, String kind, int n) throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try {
            CompletableFuture<Integer> taken = pool.applyAsync(consumer(queue), n);
            CompletableFuture<Integer> put = pool.applyAsync(producer(queue, kind), n);
            // The producer first: if its worker dies, its call fails and closing the queue ends the
            // consumer's wait, where waiting for the consumer first would wait for ever.
            int sent = put.get();
            return taken.get() + sent;
        } finally {
            queue.close();
        }
    }

    /** Takes from {@code in} and puts into {@code out} until {@code in} is closed. */
    static ProcessFunction<Integer, Integer> echo(ProcessQueue<Object> in, ProcessQueue<Object> out) {
        return ignored -> {
            int n = 0;
            try {
                while (true) {
                    out.put(in.take());
                    n++;
                }
            } catch (IllegalStateException closed) {
                return n;
            }
        };
    }

    /**
     * Puts {@code System.nanoTime()} {@code n} times, sleeping {@code gapMicros} between puts (as
     * CPython's baseline does with {@code time.sleep}), so the producer leaves the CPU to others.
     */
    static ProcessFunction<Integer, Integer> stamper(ProcessQueue<Object> queue, int gapMicros) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.put(System.nanoTime());
                java.util.concurrent.locks.LockSupport.parkNanos(gapMicros * 1000L);
            }
            return n;
        };
    }
}
