package org.mproc.harness;

import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;

/**
 * A put or take with its outcome: an invocation paired with its completion. A call that never
 * completed has outcome {@link Phase#INFO} and {@link #completeSeq} {@link Long#MAX_VALUE}, so it
 * counts as still running at every later point of the history.
 *
 * <pre>{@code
 * for (QueueCall c : history.calls()) {
 *     if (c.type() == Type.TAKE && c.outcome() == Phase.OK) { consumed(c.value()); }
 * }
 * }</pre>
 *
 * @param id          the call id shared by both events
 * @param type        put or take
 * @param process     the calling process
 * @param thread      the calling thread
 * @param outcome     {@code OK}, {@code FAIL} or {@code INFO}
 * @param hasValue    a put always; a take only when it is {@code OK}
 * @param value       what was put, or what was taken; may be {@code null}
 * @param invokeSeq   the invocation's position in the history
 * @param completeSeq the completion's position, {@link Long#MAX_VALUE} if none was recorded
 */
public record QueueCall(long id, Type type, String process, String thread, Phase outcome, boolean hasValue,
        Object value, long invokeSeq, long completeSeq) {

    /** The calling thread as one name, {@code process/thread}: a producer or consumer. */
    public String actor() {
        return process + "/" + thread;
    }

    /** Whether this call ended before {@code other} began, in the history's order. */
    public boolean precedes(QueueCall other) {
        return completeSeq < other.invokeSeq;
    }
}
