package org.mproc.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mproc.harness.QueueOp.Phase;

/**
 * Pairs each invocation with its completion, and refuses a malformed history rather than judge it:
 * a checker fed a history no recorder could have written answers nonsense, or crashes (Jepsen's
 * total-queue on a malformed drain, jepsen#282; Elle's "false positives" were invalid histories, elle#28).
 */
final class QueueCalls {
    private QueueCalls() {}

    /** The calls of {@code ops} in order of invocation; {@link IllegalArgumentException} if malformed. */
    static List<QueueCall> pair(List<QueueOp> ops) {
        List<QueueOp> invocations = new ArrayList<>();
        Map<Long, QueueOp> invoked = new HashMap<>();
        Map<Long, QueueOp> completed = new HashMap<>();
        QueueOp previous = null;
        for (QueueOp op : ops) {
            if (previous != null && (op.seq() <= previous.seq() || op.nanos() < previous.nanos())) {
                throw malformed(op, "comes after " + previous + " but its seq or nanos is smaller");
            }
            previous = op;
            if (!op.valueFitsPhase()) {
                throw malformed(op, op.hasValue() ? "carries a value it cannot have" : "lacks its value");
            }
            if (op.phase() == Phase.INVOKE) {
                if (invoked.putIfAbsent(op.call(), op) != null) {
                    throw malformed(op, "reuses the call id of " + invoked.get(op.call()));
                }
                invocations.add(op);
                continue;
            }
            QueueOp invocation = invoked.get(op.call());
            if (invocation == null) {
                throw malformed(op, "completes a call that was never invoked");
            }
            if (invocation.type() != op.type() || !invocation.process().equals(op.process())
                    || !invocation.thread().equals(op.thread())) {
                throw malformed(op, "does not match its invocation " + invocation);
            }
            if (completed.putIfAbsent(op.call(), op) != null) {
                throw malformed(op, "completes a call already completed by " + completed.get(op.call()));
            }
        }
        List<QueueCall> calls = new ArrayList<>(invocations.size());
        for (QueueOp in : invocations) {
            QueueOp out = completed.get(in.call());
            Phase outcome = out == null ? Phase.INFO : out.phase();
            QueueOp carrier = in.hasValue() ? in : out;
            boolean hasValue = carrier != null && carrier.hasValue();
            calls.add(new QueueCall(in.call(), in.type(), in.process(), in.thread(), outcome, hasValue,
                    hasValue ? carrier.value() : null, in.seq(), out == null ? Long.MAX_VALUE : out.seq()));
        }
        return calls;
    }

    private static IllegalArgumentException malformed(QueueOp op, String why) {
        return new IllegalArgumentException("malformed queue history: " + op + " " + why);
    }
}
