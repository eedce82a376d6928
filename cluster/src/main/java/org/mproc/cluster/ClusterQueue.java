package org.mproc.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.mproc.cluster.internal.LocalMember;
import org.mproc.cluster.internal.QueueElements;

/**
 * A FIFO queue in a {@link Cluster}, for the caller and the tasks it sends (G-CLUSTER-6): one
 * entry of a Hazelcast map with one synchronous backup, changed only by requests that run on the
 * member owning it and again on its backup, so the elements survive that member's death. A put or
 * take that Hazelcast retries after the owner died is answered as it was the first time, not
 * applied twice: no element is lost or duplicated, whichever consumer takes it. Every element is
 * sealed with the cluster's secret before it is put and checked before it is decoded; an element
 * a peer without the secret put fails the {@code take} that meets it with
 * {@link org.mproc.AuthenticationException} and is dropped. The handle is serializable: a task
 * that receives it uses the queue through the member it runs in.
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
            elements = QueueElements.open(local, clusterName, name);
        }
        return elements;
    }

    /**
     * Puts {@code e} at the tail; returns once the queue and its backup hold it. The queue is
     * unbounded, so this never waits for room; it declares the interrupt as the local queue's
     * {@code put} does.
     */
    public void put(E e) throws InterruptedException {
        putAll(List.of(Objects.requireNonNull(e, "a cluster queue holds no null")));
    }

    /** Puts every element, in order, in one operation. */
    public void putAll(Collection<? extends E> es) {
        List<E> all = new ArrayList<>(es);
        for (E e : all) {
            Objects.requireNonNull(e, "a cluster queue holds no null");
        }
        try {
            elements().put(all);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot serialize an element for queue " + name + ": " + x.getMessage(), x);
        }
    }

    /** Takes the head, waiting for one. */
    public E take() throws InterruptedException {
        return open(elements().take(-1));
    }

    /** Takes the head, waiting at most {@code timeout}; null when none came. */
    public E poll(Duration timeout) throws InterruptedException {
        byte[] sealed = elements().take(Math.max(0, timeout.toNanos()));
        return sealed == null ? null : open(sealed);
    }

    /** Moves up to {@code max} elements to {@code to} in one operation, without waiting; returns how many. */
    public int drainTo(Collection<? super E> to, int max) {
        List<byte[]> sealed = elements().takeNow(max);
        for (byte[] s : sealed) {
            to.add(open(s));
        }
        return sealed.size();
    }

    /** How many elements the queue holds. */
    public int size() {
        return elements().size();
    }

    @SuppressWarnings("unchecked")
    private E open(byte[] sealed) {
        return (E) elements().open(sealed);
    }
}
