package org.mproc.cluster;

import java.util.LinkedList;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import org.mproc.ProcessException;
import org.mproc.ResultIterator;
import org.mproc.cluster.internal.Chunks;

/**
 * One call's chunks, sent, and the three ways to take their replies: all in input order
 * ({@link #collectAsync}), one by one in input order ({@link #inOrder}), or in the order the chunks
 * complete ({@link #asCompleted}). A chunk whose member JVM is seen to end fails the call at once.
 */
final class ClusterCall {
    private final Cluster cluster;
    private final List<Chunks.Sent> sent;
    private final BiFunction<Chunks.Sent, Throwable, RuntimeException> memberFailure;

    ClusterCall(Cluster cluster, List<Chunks.Sent> sent, BiFunction<Chunks.Sent, Throwable, RuntimeException> memberFailure) {
        this.cluster = cluster;
        this.sent = sent;
        this.memberFailure = memberFailure;
    }

    /** Every result in input order, collected on one of {@code waiters}; the first failure in input order fails it. */
    <R> CompletableFuture<List<R>> collectAsync(ExecutorService waiters) {
        return CompletableFuture.supplyAsync(() -> {
            List<Object> results = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Chunks.Reply reply = reply(i);
                if (reply.failure().isPresent()) {
                    throw reply.failure().get(); // the first failing task in input order: later chunks cannot come before it
                }
                results.addAll(reply.results());
            }
            @SuppressWarnings("unchecked")
            List<R> typed = (List<R>) results;
            return typed;
        }, waiters);
    }

    /** The chunk's reply, waiting for it while watching the members of it and the chunks after it. */
    private Chunks.Reply reply(int i) {
        Chunks.Sent s = sent.get(i);
        List<Chunks.Sent> pending = sent.subList(i, sent.size());
        Chunks.Reply reply;
        try {
            // a later chunk's member ending fails the call as soon as it is seen, not once the earlier chunks are in
            reply = s.await(cluster.secret(), () -> pending.stream().anyMatch(this::onDeadMember));
        } catch (ExecutionException e) {
            Chunks.Sent failed = e.getCause() instanceof Chunks.MemberGone
                    ? pending.stream().filter(this::onDeadMember).findFirst().orElse(s) : s;
            throw memberFailure.apply(failed, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the cluster pool", e);
        }
        return reply;
    }

    private boolean onDeadMember(Chunks.Sent s) {
        return !s.future().isDone() && cluster.isDead(s.member());
    }

    /** The results one by one in input order. */
    <R> ResultIterator<R> inOrder() {
        return new ChunkIterator<>() {
            private int next;

            @Override
            Chunks.Reply nextChunk() {
                return next < sent.size() ? reply(next++) : null;
            }
        };
    }

    /** The results chunk by chunk, in the order the chunks complete. */
    <R> ResultIterator<R> asCompleted() {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            left.add(i);
        }
        return new ChunkIterator<>() {
            @Override
            Chunks.Reply nextChunk() {
                if (left.isEmpty()) {
                    return null;
                }
                while (true) {
                    for (int k = 0; k < left.size(); k++) {
                        int i = left.get(k);
                        if (sent.get(i).future().isDone() || onDeadMember(sent.get(i))) {
                            left.remove(k);
                            return reply(i);
                        }
                    }
                    try {
                        CompletableFuture.anyOf(left.stream().map(i -> sent.get(i).future()).toArray(CompletableFuture[]::new))
                                .get(Chunks.DEATH_CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                        // looked again above
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ProcessException("interrupted while waiting for the cluster pool", e);
                    }
                }
            }
        };
    }

    /**
     * Hands out the results of chunk after chunk; a chunk's failure is thrown by the {@code next()}
     * that reaches the failed item, after the results of the items before it.
     */
    private abstract static class ChunkIterator<R> implements ResultIterator<R> {
        private final Deque<Object> buffered = new LinkedList<>(); // results may be null
        private RuntimeException failure;
        private boolean ended;

        /** The next chunk's reply, or null when there is none. */
        abstract Chunks.Reply nextChunk();

        @Override
        public boolean hasNext() {
            while (buffered.isEmpty() && failure == null && !ended) {
                Chunks.Reply chunk = nextChunk();
                if (chunk == null) {
                    ended = true;
                } else {
                    buffered.addAll(chunk.results());
                    failure = chunk.failure().orElse(null);
                }
            }
            return !buffered.isEmpty() || failure != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (buffered.isEmpty()) {
                RuntimeException f = failure;
                failure = null;
                ended = true;
                throw f;
            }
            return (R) buffered.removeFirst();
        }

        @Override
        public void close() {
            ended = true;
            failure = null;
            buffered.clear();
        }
    }
}
