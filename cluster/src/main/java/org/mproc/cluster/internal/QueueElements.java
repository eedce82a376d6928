package org.mproc.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster queue as one handle uses it: the queue is the entry {@code <name>} of the map
 * {@code mproc-queues} (one synchronous backup, objects in memory), changed only by
 * {@link QueueRequest}s, each element serialized and sealed for the route {@code queue <name>}.
 * Every request that changes the queue carries this handle's id with the calling thread's id, and
 * a number of its own, so Hazelcast's retry of it after an owner's death is answered, not applied
 * twice (G-CLUSTER-6).
 */
public final class QueueElements {
    /** The map that holds every mproc queue; its configuration (one backup, OBJECT format) matches it. */
    public static final String MAP = "mproc-queues";

    private final IMap<String, QueueState> map;
    private final byte[] key;
    private final String queue;
    private final String route;
    private final String handle = UUID.randomUUID().toString();
    private final AtomicLong numbers = new AtomicLong();
    private final QueueWaker waker;

    private QueueElements(HazelcastInstance local, byte[] key, String queue) {
        this.map = local.getMap(MAP);
        this.key = key;
        this.queue = queue;
        this.route = "queue " + queue;
        this.waker = QueueWaker.of(local, map, queue);
    }

    /** The queue {@code queue} of the cluster whose member {@code local} is. */
    public static QueueElements open(HazelcastInstance local, String clusterName, String queue) {
        return new QueueElements(local, MemberSecret.of(clusterName), queue);
    }

    /** Puts the values, sealed, in order, in one request. */
    public void put(List<?> values) throws IOException {
        List<byte[]> sealed = new ArrayList<>(values.size());
        for (Object v : values) {
            sealed.add(Envelope.seal(key, route, Codec.encode(v)));
        }
        map.executeOnKey(queue, QueueRequest.put(requester(), numbers.incrementAndGet(), sealed));
    }

    /** Takes up to {@code max} sealed elements from the head in one request, at once; none when empty. */
    @SuppressWarnings("unchecked")
    public List<byte[]> takeNow(int max) {
        return (List<byte[]>) map.executeOnKey(queue, QueueRequest.take(requester(), numbers.incrementAndGet(), max));
    }

    /** Takes one sealed element, waiting at most {@code timeoutNanos} (for ever when negative); null when none came. */
    public byte[] take(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long seen = waker.changes();
            List<byte[]> one = takeNow(1);
            if (!one.isEmpty()) {
                return one.get(0);
            }
            long left = timeoutNanos < 0 ? TimeUnit.MILLISECONDS.toNanos(50) : deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            waker.awaitChange(seen, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** How many elements the queue holds. */
    public int size() {
        return (Integer) map.executeOnKey(queue, QueueRequest.size());
    }

    /**
     * The value of a sealed element.
     *
     * @throws org.mproc.AuthenticationException when it was not sealed with the cluster's secret for this queue
     */
    public Object open(byte[] sealed) {
        return Codec.decode(Envelope.open(key, route, sealed));
    }

    private String requester() {
        return handle + "/" + Thread.currentThread().getId();
    }
}
