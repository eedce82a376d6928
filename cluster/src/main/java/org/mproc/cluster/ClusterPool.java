package org.mproc.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessException;
import org.mproc.ProcessFunction;
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
 * {@link WorkerDiedException} naming the member and its tasks, and the next call goes to the
 * members that are left.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * int one = pool.apply(x -> x + 1, 0);
 * }</pre>
 */
public final class ClusterPool implements AutoCloseable {
    private static final AtomicLong CALLS = new AtomicLong();

    private final Cluster cluster;
    private final IExecutorService executor;
    private volatile boolean closed;

    ClusterPool(Cluster cluster) {
        this.cluster = cluster;
        this.executor = cluster.hazelcast().getExecutorService(HazelcastSetup.EXECUTOR);
    }

    /** {@link #map(ProcessFunction, Iterable, int)} with chunks of about a quarter of an even share per member. */
    public <T, R> List<R> map(ProcessFunction<T, R> function, Iterable<T> items) throws InterruptedException {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        int members = Math.max(1, cluster.dataMembers().size());
        return map(function, list, Math.max(1, (list.size() + 4 * members - 1) / (4 * members)));
    }

    /**
     * Maps every item in the cluster's members; the results in input order.
     *
     * @throws TaskFailedException  when a task threw: the first failing task in input order
     * @throws WorkerDiedException  when a member running a chunk left the cluster
     * @throws IllegalStateException when the pool is closed or the cluster has no data member
     */
    public <T, R> List<R> map(ProcessFunction<T, R> function, Iterable<T> items, int chunksize) throws InterruptedException {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        if (closed) {
            throw new IllegalStateException("the pool is closed");
        }
        List<Object> list = new ArrayList<>();
        items.forEach(list::add);
        List<Member> members = cluster.dataMembers();
        if (members.isEmpty()) {
            throw new IllegalStateException("cluster " + cluster.name() + " has no data member left to run tasks");
        }
        long call = CALLS.incrementAndGet();
        List<Chunks.Sent> sent = new ArrayList<>();
        @SuppressWarnings("unchecked")
        ProcessFunction<Object, Object> f = (ProcessFunction<Object, Object>) function;
        for (int first = 0, chunk = 0; first < list.size(); first += chunksize, chunk++) {
            List<Object> part = new ArrayList<>(list.subList(first, Math.min(list.size(), first + chunksize)));
            Member member = members.get(chunk % members.size());
            try {
                sent.add(Chunks.send(executor, cluster.secret(), "map " + call + " chunk " + chunk, f, part, first, member));
            } catch (IOException e) {
                throw new UncheckedIOException("a task of the map cannot be serialized: " + e.getMessage(), e);
            }
        }
        List<Object> results = new ArrayList<>(list.size());
        RuntimeException failure = null;
        for (Chunks.Sent s : sent) {
            try {
                Chunks.Reply reply = s.await(cluster.secret());
                if (failure == null) {
                    reply.failure().ifPresentOrElse(this::throwing, () -> results.addAll(reply.results()));
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = memberFailure(s, e.getCause());
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        @SuppressWarnings("unchecked")
        List<R> typed = (List<R>) results;
        return typed;
    }

    private void throwing(RuntimeException e) {
        throw e;
    }

    /** Applies {@code function} to {@code argument} in one member. */
    public <T, R> R apply(ProcessFunction<T, R> function, T argument) throws InterruptedException {
        return map(function, List.of(argument), 1).get(0);
    }

    private RuntimeException memberFailure(Chunks.Sent s, Throwable cause) {
        String pidText = s.member().getAttribute(HazelcastSetup.PID_ATTRIBUTE);
        long pid = pidText == null ? -1 : Long.parseLong(pidText);
        boolean gone = !cluster.hazelcast().getCluster().getMembers().contains(s.member())
                || cluster.memberWithPid(pid).map(m -> !m.process().isAlive()).orElse(false);
        if (cause instanceof MemberLeftException || gone) {
            OptionalInt exit = cluster.memberWithPid(pid).map(MemberProcess::process)
                    .filter(p -> !p.isAlive()).map(p -> OptionalInt.of(p.exitValue())).orElse(OptionalInt.empty());
            return new WorkerDiedException(pid, exit, s.firstIndex(), s.lastIndex(),
                    "member " + s.member().getAddress() + " left cluster " + cluster.name(), cause);
        }
        return new ProcessException("member " + s.member().getAddress() + " (pid " + pid + ") failed tasks " + s.firstIndex()
                + "–" + s.lastIndex() + ": " + cause.getClass().getName() + ": " + cause.getMessage(), cause);
    }

    /** Takes no more calls; calls under way finish. */
    @Override
    public void close() {
        closed = true;
    }

    /** Takes no more calls. */
    public void terminate() {
        closed = true;
    }
}
