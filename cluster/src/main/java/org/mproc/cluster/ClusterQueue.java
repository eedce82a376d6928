package org.mproc.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.mproc.cluster.internal.LocalMember;
import org.mproc.cluster.internal.QueueElements;

/**
 * A FIFO queue in a {@link Cluster}, for the caller and the tasks it sends (G-CLUSTER-6): a
 * Hazelcast {@code IQueue} with one synchronous backup, so the elements survive the death of the
 * member that holds the queue. Every element is sealed with the cluster's secret before it is put
 * and checked before it is decoded; an element a peer without the secret put fails the
 * {@code take} that meets it with {@link org.mproc.AuthenticationException} and is dropped. Each
 * element carries its producer's id and sequence number, and a consumer drops one it has already
 * taken (a put retried across an owner's death could otherwise come twice to it). The handle is
 * serializable: a task that receives it uses the queue through the member it runs in.
 *
 * <pre>{@code
 * ClusterQueue<String> q = cluster.queue("jobs");
 * pool.map(i -> { q.put("job " + i); return i; }, List.of(1, 2, 3));
 * String first = q.take();
 * }</pre>
 *
 * @param <E> the element type; elements travel by Java serialization
 */
public final class ClusterQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String clusterName;
    private final String name;
    private transient QueueElements elements;

    ClusterQueue(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    /** The queue's name in the cluster. */
    public String name() {
        return name;
    }

    private QueueElements elements() {
        if (elements == null) {
            HazelcastInstance local = LocalMember.of(clusterName, "queue " + name);
            elements = QueueElements.open(local, clusterName, QueueElements.PREFIX + name, UUID.randomUUID().toString());
        }
        return elements;
    }

    /** Puts {@code e} at the tail; returns once the queue and its backup hold it. */
    public void put(E e) throws InterruptedException {
        elements().queue().put(seal(e));
    }

    /** Puts every element, in order, in one operation. */
    public void putAll(Collection<? extends E> es) {
        List<byte[]> sealed = new ArrayList<>(es.size());
        for (E e : es) {
            sealed.add(seal(e));
        }
        elements().queue().addAll(sealed);
    }

    /** Takes the head, waiting for one. */
    public E take() throws InterruptedException {
        while (true) {
            @SuppressWarnings("unchecked")
            E e = (E) elements().open(elements().queue().take());
            if (e != QueueElements.DUPLICATE) {
                return e;
            }
        }
    }

    /** Takes the head, waiting at most {@code timeout}; null when none came. */
    public E poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] sealed = elements().queue().poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (sealed == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            E e = (E) elements().open(sealed);
            if (e != QueueElements.DUPLICATE) {
                return e;
            }
        }
    }

    /** Moves up to {@code max} elements to {@code to} in one operation; returns how many. */
    public int drainTo(Collection<? super E> to, int max) {
        List<byte[]> sealed = new ArrayList<>();
        elements().queue().drainTo(sealed, max);
        int n = 0;
        for (byte[] s : sealed) {
            @SuppressWarnings("unchecked")
            E e = (E) elements().open(s);
            if (e != QueueElements.DUPLICATE) {
                to.add(e);
                n++;
            }
        }
        return n;
    }

    /** How many elements the queue holds. */
    public int size() {
        return elements().queue().size();
    }

    private byte[] seal(E e) {
        Objects.requireNonNull(e, "a cluster queue holds no null");
        try {
            return elements().seal(e);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot serialize " + e.getClass().getName() + " for queue " + name + ": " + x.getMessage(), x);
        }
    }

    IQueue<byte[]> raw() {
        return elements().queue();
    }
}
