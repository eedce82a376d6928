package org.mproc.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.mproc.ProcessException;
import org.mproc.ProcessFunction;
import org.mproc.TaskFailedException;

/**
 * Sends a map's chunks as {@link SealedTask}s and reads their sealed replies. A call's function is
 * serialized once ({@link #encodeFunction}) and its bytes go with every chunk. A reply lands in a
 * plain {@link CompletableFuture}, completed on the thread that receives it, so a wait that looks for
 * a dead member every {@link #DEATH_CHECK_MILLIS} costs next to nothing (Hazelcast's own futures
 * build a message, with a formatted date, for every timed-out wait).
 */
public final class Chunks {
    /** How often a wait for a reply looks whether the member's JVM ended. */
    public static final long DEATH_CHECK_MILLIS = 20;

    private Chunks() {}

    /** The cause of a wait ended because the member's JVM was seen to end. */
    public static final class MemberGone extends Exception {
        private static final long serialVersionUID = 1L;

        MemberGone(String message) {
            super(message);
        }
    }

    /**
     * A chunk on its way: where it went, which items, and the future of its sealed reply.
     *
     * @param route      the chunk's route
     * @param member     the member it was sent to
     * @param firstIndex the input index of its first item
     * @param lastIndex  the input index of its last item
     * @param future     the sealed reply
     */
    public record Sent(String route, Member member, int firstIndex, int lastIndex, CompletableFuture<byte[]> future) {
        /**
         * Waits for the reply and opens it: the results, or the failure the call throws.
         *
         * @param memberDead whether the member's JVM is known to have ended (one this process
         *                   started and watches): then the wait ends at once, without waiting for
         *                   the cluster to declare the member gone
         * @throws ExecutionException when the task failed in Hazelcast, or with a
         *                            {@link MemberGone} cause when {@code memberDead} said so
         */
        public Reply await(byte[] key, BooleanSupplier memberDead) throws InterruptedException, ExecutionException {
            byte[] sealed;
            while (true) {
                try {
                    sealed = future.get(DEATH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (memberDead.getAsBoolean() && !future.isDone()) {
                        throw new ExecutionException(new MemberGone("its JVM ended"));
                    }
                }
            }
            ChunkReply reply = (ChunkReply) Codec.decode(Envelope.open(key, SealedTask.replyRoute(route), sealed));
            if (reply.failure() == null) {
                return new Reply(reply.results(), Optional.empty());
            }
            if (reply.failedIndex() < 0) {
                return new Reply(List.of(), Optional.of(new ProcessException("member " + member.getAddress() + " (pid "
                        + reply.memberPid() + ") could not read tasks " + firstIndex + "–" + lastIndex + ": "
                        + reply.failure().getMessage(), reply.failure())));
            }
            return new Reply(reply.results(), Optional.of(new TaskFailedException(reply.failedIndex(), reply.memberPid(), reply.failure())));
        }
    }

    /**
     * An opened reply.
     *
     * @param results the chunk's results (those before the failure, if one)
     * @param failure what the call throws for this chunk, if anything
     */
    public record Reply(List<Object> results, Optional<RuntimeException> failure) {}

    /**
     * The call's function serialized, to go with each of its chunks.
     *
     * @throws IOException when the function cannot be serialized
     */
    public static byte[] encodeFunction(ProcessFunction<?, ?> function) throws IOException {
        return Codec.encode(function);
    }

    /** Seals one chunk, with its call's {@link #encodeFunction encoded function}, and submits it to {@code member}. */
    public static Sent send(IExecutorService executor, byte[] key, String route, byte[] function, List<Object> items, int firstIndex,
                            Member member) throws IOException {
        SealedTask task = SealedTask.of(key, route, new ChunkRequest(function, items, firstIndex));
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        Future<byte[]> submitted = executor.submitToMember(task, member);
        if (!(submitted instanceof CompletionStage<?> stage)) {
            throw new IllegalStateException("Hazelcast answered a task with a " + submitted.getClass().getName()
                    + ", not a CompletionStage");
        }
        // completed on the thread that receives the response: Hazelcast's own callbacks run on its default async
        // executor, which starts a thread per completion where the common pool has one thread (2 cores)
        stage.whenCompleteAsync((sealed, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete((byte[]) sealed);
            }
        }, Runnable::run);
        return new Sent(route, member, firstIndex, firstIndex + items.size() - 1, reply);
    }
}
