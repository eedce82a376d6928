package org.mproc.harness;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory queues for testing the checker on real concurrency: a correct one, and broken ones
 * that a checker worth having must catch. Each broken one misbehaves deterministically, every
 * {@code n}-th put counted over all producers, so a test knows how many faults to expect.
 */
final class TestQueues {
    private TestQueues() {}

    /** The two calls a workload makes. */
    interface TestQueue {
        void put(Object e) throws InterruptedException;

        /** The head, or {@code null} if none arrived within {@code millis}. */
        Object poll(long millis) throws InterruptedException;
    }

    static TestQueue correct() {
        return of(new LinkedBlockingQueue<>());
    }

    /** Acknowledges every {@code n}-th put but never enqueues it. */
    static TestQueue droppingEvery(int n) {
        BlockingQueue<Object> q = new LinkedBlockingQueue<>();
        AtomicLong puts = new AtomicLong();
        return new Wrapped(q) {
            @Override
            public void put(Object e) throws InterruptedException {
                if (puts.incrementAndGet() % n != 0) {
                    q.put(e);
                }
            }
        };
    }

    /** Enqueues every {@code n}-th put twice. */
    static TestQueue duplicatingEvery(int n) {
        BlockingQueue<Object> q = new LinkedBlockingQueue<>();
        AtomicLong puts = new AtomicLong();
        return new Wrapped(q) {
            @Override
            public void put(Object e) throws InterruptedException {
                q.put(e);
                if (puts.incrementAndGet() % n == 0) {
                    q.put(e);
                }
            }
        };
    }

    /** Takes the newest element first: nothing lost or duplicated, only the order is wrong. */
    static TestQueue lifo() {
        BlockingDeque<Object> q = new LinkedBlockingDeque<>();
        return new Wrapped(q) {
            @Override
            public void put(Object e) throws InterruptedException {
                q.putFirst(e);
            }
        };
    }

    private static TestQueue of(BlockingQueue<Object> q) {
        return new Wrapped(q);
    }

    private static class Wrapped implements TestQueue {
        private final BlockingQueue<Object> q;

        Wrapped(BlockingQueue<Object> q) {
            this.q = q;
        }

        @Override
        public void put(Object e) throws InterruptedException {
            q.put(e);
        }

        @Override
        public Object poll(long millis) throws InterruptedException {
            return q.poll(millis, TimeUnit.MILLISECONDS);
        }
    }
}
