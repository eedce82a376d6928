package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;

/**
 * An append-only record of the puts and takes made on a queue under test, safe to use from any
 * number of threads at once. Each call is recorded as an invocation before it is made and a
 * completion after it returns, so the history's order is consistent with real time: if one call's
 * completion is recorded before another's invocation, the first really ended before the second began.
 * {@link TotalQueueChecker} judges the result.
 *
 * <pre>{@code
 * QueueHistory history = new QueueHistory();
 * QueueHistory.PendingPut put = history.invokePut("producer-1", "main", 42);
 * queue.put(42);
 * put.ok();
 * QueueHistory.PendingTake take = history.invokeTake("consumer-1", "main");
 * take.ok(queue.take());
 * }</pre>
 *
 * <p>A child process sends {@link #ops()} (a list of {@link java.io.Serializable} records) to the
 * parent, which rebuilds it with {@link #of} and combines all with {@link #merge}. Complete a call
 * with {@code fail()} only when it surely had no effect; when the outcome is unknown (a timeout, a
 * caller that died) use {@code info()}, or leave it open, which reads the same.
 */
public final class QueueHistory {
    private final List<QueueOp> ops = new ArrayList<>();
    private long nextSeq;
    private long nextCall;
    private long lastNanos = Long.MIN_VALUE;

    /** An empty history, to record into. */
    public QueueHistory() {}

    /** A history holding {@code ops}, checked to be well formed; more can be recorded after them. */
    public static QueueHistory of(List<QueueOp> ops) {
        QueueCalls.pair(ops);
        QueueHistory history = new QueueHistory();
        history.ops.addAll(ops);
        for (QueueOp op : ops) {
            history.nextSeq = op.seq() + 1;
            history.nextCall = Math.max(history.nextCall, op.call() + 1);
            history.lastNanos = op.nanos();
        }
        return history;
    }

    /**
     * One history of all of {@code parts}, ordered by time. Call ids are renumbered so that parts
     * recorded apart cannot clash; each part's own order is kept whatever the clocks say. A process
     * name may appear in one part only ({@link IllegalArgumentException} otherwise), or two processes'
     * threads would pass for one producer or consumer. On one Linux machine {@link System#nanoTime()} is
     * {@code CLOCK_MONOTONIC} in every JVM, so the merged order is also the real-time order across
     * processes; the checkers do not rely on that.
     */
    public static QueueHistory merge(List<QueueHistory> parts) {
        return QueueHistoryMerge.merge(parts);
    }

    /** Records that {@code thread} of {@code process} is about to put {@code value}. */
    public PendingPut invokePut(String process, String thread, Object value) {
        return new PendingPut(this, invoke(Type.PUT, process, thread, true, value));
    }

    /** Records that {@code thread} of {@code process} is about to take an element. */
    public PendingTake invokeTake(String process, String thread) {
        return new PendingTake(this, invoke(Type.TAKE, process, thread, false, null));
    }

    /** {@link #invokePut(String, String, Object)} for the calling thread of this JVM. */
    public PendingPut invokePut(Object value) {
        return invokePut(currentProcess(), currentThread(), value);
    }

    /** {@link #invokeTake(String, String)} for the calling thread of this JVM. */
    public PendingTake invokeTake() {
        return invokeTake(currentProcess(), currentThread());
    }

    /** The events so far, in order: a snapshot. */
    public synchronized List<QueueOp> ops() {
        return List.copyOf(ops);
    }

    /** The calls so far, each invocation paired with its completion, in order of invocation. */
    public List<QueueCall> calls() {
        return QueueCalls.pair(ops());
    }

    private static String currentProcess() {
        return "pid" + ProcessHandle.current().pid();
    }

    private static String currentThread() {
        // Thread names repeat (every pool names its threads the same way); the id does not.
        Thread t = Thread.currentThread();
        return t.getName() + "#" + t.getId();
    }

    private synchronized QueueOp invoke(Type type, String process, String thread, boolean hasValue, Object value) {
        return append(nextCall++, type, Phase.INVOKE, process, thread, hasValue, value);
    }

    /** Time and sequence are taken under one lock so that the order of {@code seq} is the order of time. */
    private synchronized QueueOp append(long call, Type type, Phase phase, String process, String thread,
            boolean hasValue, Object value) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(thread, "thread");
        // A history rebuilt by hand may carry times ahead of this clock; time still must not go back.
        lastNanos = Math.max(lastNanos, System.nanoTime());
        QueueOp op = new QueueOp(nextSeq++, call, type, phase, process, thread, hasValue, value, lastNanos);
        ops.add(op);
        return op;
    }

    /** A call invoked and not yet completed; complete it exactly once. */
    public abstract static sealed class Pending permits PendingPut, PendingTake {
        private final QueueHistory history;
        private final QueueOp invocation;
        private final AtomicBoolean completed = new AtomicBoolean();

        Pending(QueueHistory history, QueueOp invocation) {
            this.history = history;
            this.invocation = invocation;
        }

        /** The call surely had no effect: nothing was put, or nothing was taken. */
        public void fail() {
            complete(Phase.FAIL, false, null);
        }

        /** The outcome is unknown: the element may or may not have gone in, or come out. */
        public void info() {
            complete(Phase.INFO, false, null);
        }

        final void complete(Phase phase, boolean hasValue, Object value) {
            if (!completed.compareAndSet(false, true)) {
                throw new IllegalStateException("call " + invocation.call() + " was already completed");
            }
            history.append(invocation.call(), invocation.type(), phase, invocation.process(),
                    invocation.thread(), hasValue, value);
        }
    }

    /** A put in progress. */
    public static final class PendingPut extends Pending {
        PendingPut(QueueHistory history, QueueOp invocation) {
            super(history, invocation);
        }

        /** The put returned: the element is in the queue. */
        public void ok() {
            complete(Phase.OK, false, null);
        }
    }

    /** A take in progress. */
    public static final class PendingTake extends Pending {
        PendingTake(QueueHistory history, QueueOp invocation) {
            super(history, invocation);
        }

        /** The take returned {@code value}, which may be {@code null}. */
        public void ok(Object value) {
            complete(Phase.OK, true, value);
        }
    }
}
