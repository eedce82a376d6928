package org.mproc.harness;

import java.io.Serializable;
import java.util.Objects;

/**
 * One event of a queue history: a put or a take being invoked, or completing. A call is two events
 * with the same {@link #call} id, an {@link Phase#INVOKE} then at most one completion; a call never
 * completed is read as {@link Phase#INFO}, outcome unknown, as Jepsen does.
 *
 * <pre>{@code
 * new QueueOp(0, 7, Type.PUT, Phase.INVOKE, "producer-1", "main", true, 42, System.nanoTime());
 * }</pre>
 *
 * <p>Which events carry a value, checked when a history is built ({@link QueueHistory#of}):
 *
 * <pre>
 *              INVOKE   OK       FAIL   INFO
 *   PUT        value    -        -      -        (the put's value is on its invocation)
 *   TAKE       -        value    -      -        (FAIL: nothing was taken, e.g. a poll timed out)
 * </pre>
 *
 * <p>{@code null} is a legal queue element, so "no value" is {@code hasValue == false}, never a null
 * {@code value}. Values are compared with {@code equals}: arrays compare by identity, so wrap them.
 * The record is {@link Serializable} so that a child process can send its history to the parent,
 * provided its values are.
 *
 * @param seq      position in the history; strictly increasing
 * @param call     pairs an invocation with its completion; unique per invocation in one history
 * @param type     put or take
 * @param phase    invocation, or how the call ended
 * @param process  the process that made the call (a name, unique among merged histories)
 * @param thread   the thread that made the call, unique within its process
 * @param hasValue whether {@code value} means anything
 * @param value    the element, possibly {@code null}
 * @param nanos    {@link System#nanoTime()} when recorded; never decreases along {@code seq}
 */
public record QueueOp(long seq, long call, Type type, Phase phase, String process, String thread,
        boolean hasValue, Object value, long nanos) implements Serializable {

    /** What was called. */
    public enum Type { PUT, TAKE }

    /**
     * How far a call got. {@code FAIL} is definite: the call had no effect. {@code INFO} is not: the
     * caller died or timed out, and the element may or may not have gone in (or come out).
     */
    public enum Phase { INVOKE, OK, FAIL, INFO }

    public QueueOp {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(thread, "thread");
        if (!hasValue && value != null) {
            throw new IllegalArgumentException("a value without hasValue: " + value);
        }
    }

    /** Whether this event carries a value where the table above requires one, and only there. */
    boolean valueFitsPhase() {
        boolean needsValue = type == Type.PUT ? phase == Phase.INVOKE : phase == Phase.OK;
        return hasValue == needsValue;
    }

    @Override
    public String toString() {
        return seq + " " + process + "/" + thread + " " + type + " " + phase + (hasValue ? " " + value : "")
                + " (call " + call + ")";
    }
}
