package org.mproc.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;
import org.mproc.harness.TotalQueueResult.FifoViolation;

/**
 * Per-producer FIFO as one consumer sees it, the part of {@link TotalQueueChecker} that needs order.
 * Which put a take matches is known only when the value was put once in the whole history; a value
 * put twice could have come from either put, so such puts are counted as unchecked instead of guessed.
 * Runs in O(n log n) and reports at most one violation per put: the earlier put taken last.
 */
final class FifoCheck {
    private FifoCheck() {}

    record Outcome(List<FifoViolation> violations, int unchecked) {}

    private record Actors(String producer, String consumer) {}

    private record Delivery(QueueCall put, QueueCall take) {}

    static Outcome check(List<QueueCall> calls) {
        ValueCounts attempts = new ValueCounts();
        Map<Object, QueueCall> firstTake = new HashMap<>();
        for (QueueCall c : calls) {
            if (c.type() == Type.PUT) {
                attempts.add(c.value());
            } else if (c.outcome() == Phase.OK) {
                firstTake.merge(c.value(), c, (a, b) -> a.completeSeq() <= b.completeSeq() ? a : b);
            }
        }
        Map<Actors, List<Delivery>> groups = new LinkedHashMap<>();
        int unchecked = 0;
        for (QueueCall put : calls) {
            QueueCall take = put.type() == Type.PUT ? firstTake.get(put.value()) : null;
            if (take == null) {
                continue;
            }
            if (attempts.count(put.value()) > 1) {
                unchecked++;
                continue;
            }
            groups.computeIfAbsent(new Actors(put.actor(), take.actor()), k -> new ArrayList<>())
                    .add(new Delivery(put, take));
        }
        List<FifoViolation> violations = new ArrayList<>();
        groups.forEach((actors, deliveries) -> violations.addAll(inOrder(actors, deliveries)));
        return new Outcome(violations, unchecked);
    }

    /**
     * {@code deliveries} from one producer to one consumer, in order of put invocation. For each put b,
     * among the puts a acknowledged before b was invoked, the one whose take began last is the
     * strongest witness: if even b's take ended before it began, b overtook a.
     */
    private static List<FifoViolation> inOrder(Actors actors, List<Delivery> deliveries) {
        List<Delivery> byAck = new ArrayList<>();
        for (Delivery d : deliveries) {
            // A put that failed or has no known outcome has no moment after which it was surely in.
            if (d.put().outcome() == Phase.OK) {
                byAck.add(d);
            }
        }
        byAck.sort(Comparator.comparingLong(d -> d.put().completeSeq()));
        List<FifoViolation> violations = new ArrayList<>();
        Delivery latest = null;
        int next = 0;
        for (Delivery b : deliveries) {
            while (next < byAck.size() && byAck.get(next).put().precedes(b.put())) {
                Delivery a = byAck.get(next++);
                if (latest == null || a.take().invokeSeq() > latest.take().invokeSeq()) {
                    latest = a;
                }
            }
            if (latest != null && b.take().precedes(latest.take())) {
                violations.add(new FifoViolation(actors.producer(), actors.consumer(), latest.put().value(),
                        b.put().value()));
            }
        }
        return violations;
    }
}
