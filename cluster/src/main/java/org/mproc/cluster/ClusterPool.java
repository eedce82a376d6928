package org.mproc.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessException;
import org.mproc.ProcessFunction;
import org.mproc.ResultIterator;
import org.mproc.TaskFailedException;
import org.mproc.WorkerDiedException;
import org.mproc.cluster.internal.Chunks;
import org.mproc.cluster.internal.HazelcastSetup;
import org.mproc.cluster.internal.MemberProcess;

/**
 * {@code Pool.map} and {@code apply} on a {@link Cluster}'s data members (G-CLUSTER-2): the input
 * is cut into chunks, dealt round-robin to the members in the cluster at the call, each chunk
 * sealed with the cluster's secret (G-CLUSTER-3); results come back in input order. A task's
 * exception fails the call with {@link TaskFailedException} (its input index, the member JVM's
 * pid, the exception as cause); a member that dies or is declared dead fails the call with
 * {@link WorkerDiedException} naming the member and its tasks — at once when it is a JVM this
 * process started and watches, before the cluster has declared it gone — and the next call goes to
 * the members that are left. A call returns or throws without waiting for chunks after its failure.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * int one = pool.apply(x -> x + 1, 0);
 * CompletableFuture<List<Integer>> later = pool.mapAsync(x -> x + 1, List.of(1, 2));
 * try (ResultIterator<Integer> it = pool.imapUnordered(x -> x * 2, List.of(1, 2, 3))) { it.forEachRemaining(System.out::println); }
 * }</pre>
 *
 * The same methods, signatures and failures as the local {@code Pool}'s map, apply, imap and
 * their async forms.
 */
public final class ClusterPool implements AutoCloseable {
    private static final AtomicLong CALLS = new AtomicLong();

    private final Cluster cluster;
    private final IExecutorService executor;
    /** Threads that wait for calls' replies, so an async call's future completes without the caller. */
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mproc-cluster-pool-waiter");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    ClusterPool(Cluster cluster) {
        this.cluster = cluster;
        this.executor = cluster.hazelcast().getExecutorService(HazelcastSetup.EXECUTOR);
    }

    /** {@link #map(ProcessFunction, Iterable, int)} with chunks of about a quarter of an even share per member. */
    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        List<Object> list = materialize(items);
        return await(send(f, list, defaultChunksize(list.size())).collectAsync(waiters));
    }

    /**
     * Maps every item in the cluster's members; the results in input order.
     *
     * @throws TaskFailedException      when a task threw: the first failing task in input order
     * @throws WorkerDiedException      when a member running a chunk died or left the cluster
     * @throws IllegalArgumentException when {@code chunksize} is below 1
     * @throws IllegalStateException    when the pool is closed or the cluster has no data member
     * @throws ProcessException         when interrupted while waiting (the interrupt is kept)
     */
    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        return await(mapAsync(f, items, chunksize));
    }

    /** {@link #map(ProcessFunction, Iterable)} without waiting: the chunks are sent now, the future completes with the results. */
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        List<Object> list = materialize(items);
        return send(f, list, defaultChunksize(list.size())).collectAsync(waiters);
    }

    /** {@link #map(ProcessFunction, Iterable, int)} without waiting. */
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                                      int chunksize) {
        requireChunksize(chunksize);
        return send(f, materialize(items), chunksize).collectAsync(waiters);
    }

    /** Applies {@code f} to {@code argument} in one member. */
    public <T, R> R apply(ProcessFunction<? super T, ? extends R> f, T argument) {
        return await(applyAsync(f, argument));
    }

    /** {@link #apply} without waiting. */
    public <T, R> CompletableFuture<R> applyAsync(ProcessFunction<? super T, ? extends R> f, T argument) {
        List<Object> one = new ArrayList<>();
        one.add(argument);
        return send(f, one, 1).<R>collectAsync(waiters).thenApply(results -> results.get(0));
    }

    /**
     * The results one by one in input order, each as soon as it and those before it are in; a
     * failure is thrown by the {@code next()} that reaches it. All chunks are sent at once.
     */
    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return send(f, materialize(items), chunksize).inOrder();
    }

    /** {@link #imap(ProcessFunction, Iterable, int)} with chunks of one. */
    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imap(f, items, 1);
    }

    /** The results in the order their chunks complete; a failure is thrown by the {@code next()} that meets it. */
    public <T, R> ResultIterator<R> imapUnordered(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                                  int chunksize) {
        requireChunksize(chunksize);
        return send(f, materialize(items), chunksize).asCompleted();
    }

    /** {@link #imapUnordered(ProcessFunction, Iterable, int)} with chunks of one. */
    public <T, R> ResultIterator<R> imapUnordered(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imapUnordered(f, items, 1);
    }

    /** Cuts the items into chunks and sends them, round-robin over the data members now in the cluster. */
    private ClusterCall send(ProcessFunction<?, ?> function, List<Object> list, int chunksize) {
        if (closed) {
            throw new IllegalStateException("the pool is closed");
        }
        List<Member> members = cluster.dataMembers();
        if (members.isEmpty()) {
            throw new IllegalStateException("cluster " + cluster.name() + " has no data member left to run tasks");
        }
        long call = CALLS.incrementAndGet();
        List<Chunks.Sent> sent = new ArrayList<>();
        byte[] f;
        try {
            f = Chunks.encodeFunction(function);
        } catch (IOException e) {
            throw new UncheckedIOException("the call's function cannot be serialized: " + e.getMessage(), e);
        }
        for (int first = 0, chunk = 0; first < list.size(); first += chunksize, chunk++) {
            List<Object> part = new ArrayList<>(list.subList(first, Math.min(list.size(), first + chunksize)));
            Member member = members.get(chunk % members.size());
            try {
                sent.add(Chunks.send(executor, cluster.secret(), "map " + call + " chunk " + chunk, f, part, first, member));
            } catch (IOException e) {
                throw new UncheckedIOException("a task of the call cannot be serialized: " + e.getMessage(), e);
            }
        }
        return new ClusterCall(cluster, sent, this::memberFailure);
    }

    private int defaultChunksize(int items) {
        int members = Math.max(1, cluster.dataMembers().size());
        return Math.max(1, (items + 4 * members - 1) / (4 * members));
    }

    private static void requireChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
    }

    private static List<Object> materialize(Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    private static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new ProcessException("the call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the cluster pool", e);
        }
    }

    RuntimeException memberFailure(Chunks.Sent s, Throwable cause) {
        String pidText = s.member().getAttribute(HazelcastSetup.PID_ATTRIBUTE);
        long pid = pidText == null ? -1 : Long.parseLong(pidText);
        boolean gone = !cluster.hazelcast().getCluster().getMembers().contains(s.member())
                || cluster.memberWithPid(pid).map(m -> !m.process().isAlive()).orElse(false);
        if (cause instanceof MemberLeftException || cause instanceof Chunks.MemberGone || gone) {
            OptionalInt exit = cluster.memberWithPid(pid).map(MemberProcess::process)
                    .filter(p -> !p.isAlive()).map(p -> OptionalInt.of(p.exitValue())).orElse(OptionalInt.empty());
            return new WorkerDiedException(pid, exit, s.firstIndex(), s.lastIndex(),
                    "member " + s.member().getAddress() + (cause instanceof Chunks.MemberGone ? " of cluster " + cluster.name()
                            + " ended" : " left cluster " + cluster.name()), cause);
        }
        return new ProcessException("member " + s.member().getAddress() + " (pid " + pid + ") failed tasks " + s.firstIndex()
                + "–" + s.lastIndex() + ": " + cause.getClass().getName() + ": " + cause.getMessage(), cause);
    }

    /** Takes no more calls; calls under way finish (their waiting threads end with them). */
    @Override
    public void close() {
        closed = true;
        waiters.shutdown();
    }

    /** Takes no more calls and stops waiting for those under way: their futures never complete. */
    public void terminate() {
        closed = true;
        waiters.shutdownNow();
    }
}
