package org.mproc.cluster.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster queue's elements as they are stored: each value with its producer's id and sequence
 * number, serialized and sealed for the route {@code queue <name>}. Opening checks the seal first
 * and drops an element this consumer has already taken from the same producer (same or lower
 * sequence number: one queue is FIFO, so a producer's elements reach a consumer in order).
 */
public final class QueueElements {
    /** The prefix of every mproc queue's name in Hazelcast; its configuration (one backup) matches it. */
    public static final String PREFIX = "mproc-queue-";
    /** What {@link #open} returns for an element this consumer has already taken. */
    public static final Object DUPLICATE = new Object();

    private final IQueue<byte[]> queue;
    private final byte[] key;
    private final String route;
    private final String producer;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Long> lastTaken = new ConcurrentHashMap<>();

    private QueueElements(IQueue<byte[]> queue, byte[] key, String route, String producer) {
        this.queue = queue;
        this.key = key;
        this.route = route;
        this.producer = producer;
    }

    /** The queue {@code queueName} of the cluster whose member {@code local} is, for one producer id. */
    public static QueueElements open(HazelcastInstance local, String clusterName, String queueName, String producer) {
        return new QueueElements(local.getQueue(queueName), MemberSecret.of(clusterName), "queue " + queueName, producer);
    }

    public IQueue<byte[]> queue() {
        return queue;
    }

    /** The value sealed with the next sequence number of this producer. */
    public byte[] seal(Object value) throws IOException {
        return Envelope.seal(key, route, Codec.encode(new Element(producer, sequence.incrementAndGet(), value)));
    }

    /**
     * The value of a sealed element, or {@link #DUPLICATE}.
     *
     * @throws org.mproc.AuthenticationException when it was not sealed with the cluster's secret for this queue
     */
    public Object open(byte[] sealed) {
        Element e = (Element) Codec.decode(Envelope.open(key, route, sealed));
        long last = lastTaken.getOrDefault(e.producer(), 0L);
        if (e.sequence() <= last) {
            return DUPLICATE;
        }
        lastTaken.put(e.producer(), e.sequence());
        return e.value();
    }

    /**
     * One stored element.
     *
     * @param producer the producing handle's id
     * @param sequence its number among that producer's elements, from 1
     * @param value    the element
     */
    record Element(String producer, long sequence, Object value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
