package org.mproc.internal.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Elements lent to remote consumers and not yet acknowledged, by the connection that holds them,
 * each numbered in the order it was lent. Numbers let a consumer acknowledge or give back exactly
 * the elements it means, whatever order the host's answers reached it in. Not thread-safe: the
 * owning {@link QueueState}'s lock guards it.
 */
public final class QueueLeases {
    private record Lent(long seq, byte[] element) {}

    private final Map<Object, ArrayDeque<Lent>> byHolder = new HashMap<>();
    private long nextSeq = 1;
    private int total;

    /** Lends {@code elements} to {@code holder}; returns the number of the first. */
    long lend(Object holder, List<byte[]> elements) {
        long first = nextSeq;
        ArrayDeque<Lent> lease = byHolder.computeIfAbsent(holder, h -> new ArrayDeque<>());
        for (byte[] e : elements) {
            lease.add(new Lent(nextSeq++, e));
        }
        total += elements.size();
        return first;
    }

    /** The holder took these; unknown numbers are ignored. */
    void consumed(Object holder, long[] seqs) {
        remove(holder, seqs);
    }

    /** The holder gives these back; returns their elements in the order they were lent. */
    List<byte[]> returned(Object holder, long[] seqs) {
        return remove(holder, seqs);
    }

    /** Everything the holder still had, in the order lent: its connection ended. */
    List<byte[]> dropAll(Object holder) {
        ArrayDeque<Lent> lease = byHolder.remove(holder);
        List<byte[]> back = new ArrayList<>();
        if (lease != null) {
            for (Lent l : lease) {
                back.add(l.element());
            }
            total -= lease.size();
        }
        return back;
    }

    private List<byte[]> remove(Object holder, long[] seqs) {
        ArrayDeque<Lent> lease = byHolder.get(holder);
        List<byte[]> removed = new ArrayList<>(seqs.length);
        if (lease == null) {
            return removed;
        }
        java.util.Arrays.sort(seqs);
        int next = 0;
        for (Iterator<Lent> it = lease.iterator(); it.hasNext() && next < seqs.length; ) {
            Lent l = it.next();
            while (next < seqs.length && seqs[next] < l.seq()) {
                next++;
            }
            if (next < seqs.length && seqs[next] == l.seq()) {
                it.remove();
                removed.add(l.element());
                next++;
            }
        }
        total -= removed.size();
        if (lease.isEmpty()) {
            byHolder.remove(holder);
        }
        return removed;
    }

    int total() {
        return total;
    }

    int heldBy(Object holder) {
        ArrayDeque<Lent> lease = byHolder.get(holder);
        return lease == null ? 0 : lease.size();
    }

    /** Whether anyone but {@code holder} holds lent elements. */
    boolean heldByOthers(Object holder) {
        return byHolder.size() > (byHolder.containsKey(holder) ? 1 : 0);
    }

    Set<Object> holders() {
        return byHolder.keySet();
    }
}
