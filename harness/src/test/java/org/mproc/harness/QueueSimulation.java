package org.mproc.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;

/**
 * A correct FIFO queue driven by a generated schedule and recorded as real threads would record it,
 * so that its histories must pass the checker. Calls overlap: an actor's step either invokes its
 * next call or, if one is pending, makes it take effect and completes it, so other actors' calls
 * happen in between. Puts sometimes fail (no effect) or end unknown (with or without effect); takes
 * sometimes end unknown (no effect), so that recovered elements and unknown takes occur. At the end
 * producer 0 puts {@link #LAST}, so that every history has an element acknowledged and delivered
 * for a mutation to hit, and consumer 0 drains the queue.
 *
 * <pre>{@code
 * QueueHistory h = QueueSimulation.run(new QueueSimulation.Plan(2, 2, List.of(0, 2, 0, 2), true, 0));
 * }</pre>
 */
final class QueueSimulation {
    /** Put last, acknowledged, by producer 0; unequal to every generated value. */
    static final String LAST = "last";

    private QueueSimulation() {}

    /**
     * @param schedule each step names an actor ({@code step % actors}; producers first) and, with
     *                 the rest of its bits, the value and outcome of that actor's call
     * @param distinct whether producers put distinct values, or a few small ones and {@code null}
     * @param pick     which candidate a mutation picks, modulo their number
     */
    record Plan(int producers, int consumers, List<Integer> schedule, boolean distinct, int pick) {}

    static QueueHistory run(Plan plan) {
        QueueHistory h = new QueueHistory();
        LinkedList<Object> queue = new LinkedList<>();
        int actors = plan.producers() + plan.consumers();
        Runnable[] pending = new Runnable[actors];
        int[] sequence = new int[plan.producers()];
        for (int step : plan.schedule()) {
            int actor = step % actors;
            int bits = step / actors;
            if (pending[actor] != null) {
                pending[actor].run();
                pending[actor] = null;
            } else if (actor < plan.producers()) {
                Object value = plan.distinct() ? "p" + actor + "-" + sequence[actor]++
                        : bits % 5 == 4 ? null : Integer.valueOf(bits % 3);
                pending[actor] = put(h, queue, "p" + actor, value, bits / 5 % 10);
            } else {
                pending[actor] = take(h, queue, "c" + (actor - plan.producers()), bits % 10);
            }
        }
        for (Runnable p : pending) {
            if (p != null) {
                p.run();
            }
        }
        put(h, queue, "p0", LAST, Integer.MAX_VALUE).run();
        while (!queue.isEmpty()) {
            h.invokeTake("c0", QueueScript.THREAD).ok(queue.removeFirst());
        }
        h.invokeTake("c0", QueueScript.THREAD).fail();
        return h;
    }

    private static Runnable put(QueueHistory h, LinkedList<Object> queue, String actor, Object value, int outcome) {
        QueueHistory.PendingPut put = h.invokePut(actor, QueueScript.THREAD, value);
        return () -> {
            switch (outcome) {
                case 0 -> put.fail();
                case 1 -> put.info();
                case 2 -> {
                    queue.addLast(value);
                    put.info();
                }
                default -> {
                    queue.addLast(value);
                    put.ok();
                }
            }
        };
    }

    private static Runnable take(QueueHistory h, LinkedList<Object> queue, String actor, int outcome) {
        QueueHistory.PendingTake take = h.invokeTake(actor, QueueScript.THREAD);
        return () -> {
            if (outcome == 0) {
                take.info();
            } else if (queue.isEmpty()) {
                take.fail();
            } else {
                take.ok(queue.removeFirst());
            }
        };
    }

    /** Takes whose removal must show a loss: their value was taken no more often than acknowledged. */
    static List<QueueCall> removableTakes(QueueHistory h) {
        Map<Object, Integer> acknowledged = count(h, Type.PUT, Phase.OK);
        Map<Object, Integer> taken = count(h, Type.TAKE, Phase.OK);
        return takesWhere(h, v -> taken.get(v) <= acknowledged.getOrDefault(v, 0));
    }

    /** Takes whose repetition must show a duplicate: every put of their value was taken already. */
    static List<QueueCall> repeatableTakes(QueueHistory h) {
        Map<Object, Integer> attempted = new HashMap<>();
        h.calls().stream().filter(c -> c.type() == Type.PUT).forEach(c -> attempted.merge(c.value(), 1, Integer::sum));
        Map<Object, Integer> taken = count(h, Type.TAKE, Phase.OK);
        return takesWhere(h, v -> taken.get(v) >= attempted.getOrDefault(v, 0));
    }

    static QueueHistory without(QueueHistory h, QueueCall call) {
        List<QueueOp> kept = new ArrayList<>(h.ops());
        kept.removeIf(op -> op.call() == call.id());
        return QueueHistory.of(kept);
    }

    static QueueHistory withRepeated(QueueHistory h, QueueCall take) {
        QueueHistory copy = QueueHistory.of(h.ops());
        copy.invokeTake(take.process(), take.thread()).ok(take.value());
        return copy;
    }

    private static List<QueueCall> takesWhere(QueueHistory h, Predicate<Object> test) {
        List<QueueCall> takes = new ArrayList<>();
        for (QueueCall c : h.calls()) {
            if (c.type() == Type.TAKE && c.outcome() == Phase.OK && test.test(c.value())) {
                takes.add(c);
            }
        }
        return takes;
    }

    /** Counted by hand, not with the checker's own multiset, so that the test does not trust it. */
    private static Map<Object, Integer> count(QueueHistory h, Type type, Phase outcome) {
        Map<Object, Integer> counts = new HashMap<>();
        h.calls().stream().filter(c -> c.type() == type && c.outcome() == outcome)
                .forEach(c -> counts.merge(c.value(), 1, Integer::sum));
        return counts;
    }
}
