package org.mproc.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.charset.StandardCharsets;
import org.mproc.AuthenticationException;

/**
 * The holders' marks beside a cluster's locks: for each held lock, who holds it (the member's
 * UUID and the thread's id, unique across machines), sealed for the route {@code lock-mark <name>}
 * in the map {@code mproc-lock-marks}. A mark that does not open under the cluster's secret is
 * treated as no mark at all: a peer without the secret cannot pose as a holder or make a lock
 * look abandoned, though it can delete a mark (the engine lets any peer remove entries).
 */
public final class LockMarks {
    private static final String MAP = "mproc-lock-marks";

    private final IMap<String, byte[]> marks;
    private final byte[] key;
    private final String lock;
    private final String route;
    private final String memberId;

    private LockMarks(IMap<String, byte[]> marks, byte[] key, String lock, String memberId) {
        this.marks = marks;
        this.key = key;
        this.lock = lock;
        this.route = "lock-mark " + lock;
        this.memberId = memberId;
    }

    /** The marks of lock {@code lock} of the cluster whose member {@code local} is. */
    public static LockMarks of(HazelcastInstance local, String clusterName, String lock) {
        return new LockMarks(local.getMap(MAP), MemberSecret.of(clusterName), lock, local.getLocalEndpoint().getUuid().toString());
    }

    /** The calling thread's holder id. */
    public String mine() {
        return memberId + "/" + Thread.currentThread().getId();
    }

    /** Whether the mark says the calling thread holds the lock. */
    public boolean isMine() {
        return mine().equals(holder());
    }

    /** The holder an authentic mark names, or null when there is none or it is not authentic. */
    String holder() {
        return opened(marks.get(lock));
    }

    /** Writes the calling thread's mark; whether an authentic mark was there, left by a holder that died holding the lock. */
    public boolean markMine() {
        byte[] sealed = Envelope.seal(key, route, mine().getBytes(StandardCharsets.UTF_8));
        return opened(marks.put(lock, sealed)) != null;
    }

    /** Removes the mark, as its holder releases the lock. */
    public void remove() {
        marks.remove(lock);
    }

    private String opened(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(Envelope.open(key, route, sealed), StandardCharsets.UTF_8);
        } catch (AuthenticationException e) {
            return null; // a mark this cluster did not write: none at all
        }
    }
}
