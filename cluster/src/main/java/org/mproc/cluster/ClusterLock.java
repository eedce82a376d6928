package org.mproc.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.mproc.cluster.internal.LocalMember;
import org.mproc.cluster.internal.LockMarks;
import org.mproc.SharedLock;

/**
 * A lock of a {@link Cluster} with the local manager's {@link SharedLock} contract (G-CLUSTER-8):
 * not reentrant (its holder's {@code lock()} throws, {@code tryLock()} answers false), released
 * when the member JVM that holds it dies, and the next holder's {@link #acquire()} says it was
 * abandoned. Built on Hazelcast's per-key map locks (the CP subsystem's locks are not in the
 * Community edition): the lock is the key {@code name} of the map {@code mproc-locks}, and a
 * holder writes its own mark beside it, sealed with the cluster's secret ({@link LockMarks}), which
 * only a holder that dies leaves behind.
 *
 * <pre>{@code
 * SharedLock lock = cluster.lock("ledger");
 * try (SharedLock.Held held = lock.acquire()) { … }
 * }</pre>
 */
public final class ClusterLock implements SharedLock {
    private static final long serialVersionUID = 1L;
    private static final String LOCKS = "mproc-locks";

    private final String clusterName;
    private final String name;
    private transient HazelcastInstance local;
    private transient LockMarks marks;

    ClusterLock(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    private HazelcastInstance local() {
        if (local == null) {
            local = LocalMember.of(clusterName, "lock " + name);
        }
        return local;
    }

    private IMap<String, Boolean> locks() {
        return local().getMap(LOCKS);
    }

    private LockMarks marks() {
        if (marks == null) {
            marks = LockMarks.of(local(), clusterName, name);
        }
        return marks;
    }

    @Override
    public void lock() throws InterruptedException {
        acquire();
    }

    @Override
    public boolean tryLock() {
        if (locks().isLocked(name) && marks().isMine()) {
            return false;
        }
        if (!locks().tryLock(name)) {
            return false;
        }
        mark();
        return true;
    }

    @Override
    public boolean tryLock(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is negative");
        }
        if (locks().isLocked(name) && marks().isMine()) {
            return false;
        }
        if (!locks().tryLock(name, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        mark();
        return true;
    }

    @Override
    public boolean isLocked() {
        return locks().isLocked(name);
    }

    @Override
    public void unlock() {
        if (!marks().isMine() || !locks().isLocked(name)) {
            throw new IllegalMonitorStateException("this thread (" + marks().mine() + ") does not hold lock " + name);
        }
        marks().remove();
        locks().unlock(name);
    }

    @Override
    public Held acquire() throws InterruptedException {
        if (locks().isLocked(name) && marks().isMine()) {
            throw new IllegalStateException("this thread already holds lock " + name + ", which is not reentrant");
        }
        while (!locks().tryLock(name, 1, TimeUnit.SECONDS)) {
            // tryLock with a timeout answers an interrupt; lock() would not
        }
        boolean abandoned = mark();
        return new Held() {
            private boolean closed;

            @Override
            public boolean abandoned() {
                return abandoned;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    unlock();
                }
            }
        };
    }

    /** Writes this holder's mark; whether a mark was there, left by a holder that died holding the lock. */
    private boolean mark() {
        return marks().markMine();
    }
}
