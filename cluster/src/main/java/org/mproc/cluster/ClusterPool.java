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
 * {@link WorkerDiedException} naming the member and its tasks — at once when it is a JVM this
 * process started and watches, before the cluster has declared it gone — and the next call goes to
 * the members that are left. A call returns or throws without waiting for chunks after its failure.
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
        for (int i = 0; i < sent.size(); i++) {
            Chunks.Sent s = sent.get(i);
            List<Chunks.Sent> pending = sent.subList(i, sent.size());
            Chunks.Reply reply;
            try {
                // a later chunk's member ending fails the call as soon as it is seen, not once the earlier chunks are in
                reply = s.await(cluster.secret(), () -> pending.stream().anyMatch(p -> !p.future().isDone() && cluster.isDead(p.member())));
            } catch (ExecutionException e) {
                throw memberFailure(e.getCause() instanceof Chunks.MemberGone ? firstOnDeadMember(pending) : s, e.getCause());
            }
            if (reply.failure().isPresent()) {
                throw reply.failure().get(); // the first failing task in input order: later chunks cannot come before it
            }
            results.addAll(reply.results());
        }
        @SuppressWarnings("unchecked")
        List<R> typed = (List<R>) results;
        return typed;
    }

    private Chunks.Sent firstOnDeadMember(List<Chunks.Sent> pending) {
        return pending.stream().filter(p -> !p.future().isDone() && cluster.isDead(p.member())).findFirst().orElse(pending.get(0));
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
