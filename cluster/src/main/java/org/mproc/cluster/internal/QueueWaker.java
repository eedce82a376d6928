package org.mproc.cluster.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the threads of this JVM waiting to take from a cluster queue when its entry changes: one
 * entry listener per member and queue, registered on first use. A waiter reads {@link #changes()}
 * before it finds the queue empty and waits for that count to move, so a put between the two is
 * not missed; the wait is bounded by its caller too, in case an event is.
 */
final class QueueWaker {
    private static final Map<String, QueueWaker> WAKERS = new ConcurrentHashMap<>();

    private long changes;

    private QueueWaker() {}

    static QueueWaker of(HazelcastInstance local, IMap<String, QueueState> map, String queue) {
        return WAKERS.computeIfAbsent(local.getName() + "/" + queue, k -> {
            QueueWaker waker = new QueueWaker();
            map.addEntryListener(new Listener(waker), queue, false);
            return waker;
        });
    }

    synchronized long changes() {
        return changes;
    }

    synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (changes == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void changed() {
        changes++;
        notifyAll();
    }

    /** The queue's entry was created or changed. */
    private record Listener(QueueWaker waker) implements EntryAddedListener<String, QueueState>, EntryUpdatedListener<String, QueueState> {
        @Override
        public void entryAdded(EntryEvent<String, QueueState> event) {
            waker.changed();
        }

        @Override
        public void entryUpdated(EntryEvent<String, QueueState> event) {
            waker.changed();
        }
    }
}
