package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mproc.harness.QueueOp.Phase;
import org.mproc.harness.QueueOp.Type;

/** Recording, rebuilding, validating and merging histories. */
class QueueHistoryTest {

    @Test
    void javadocExample() throws InterruptedException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        QueueHistory history = new QueueHistory();
        QueueHistory.PendingPut put = history.invokePut("producer-1", "main", 42);
        queue.put(42);
        put.ok();
        QueueHistory.PendingTake take = history.invokeTake("consumer-1", "main");
        take.ok(queue.take());
        assertTrue(TotalQueueChecker.check(history).valid());
    }

    @Test
    void aCallPairsItsInvocationWithItsCompletion() {
        QueueHistory h = new QueueHistory();
        QueueHistory.PendingPut put = h.invokePut("p1", "t1", "x");
        QueueHistory.PendingTake take = h.invokeTake("c1", "t2");
        put.ok();
        take.ok("x");
        List<QueueCall> calls = h.calls();
        assertEquals(List.of(
                new QueueCall(0, Type.PUT, "p1", "t1", Phase.OK, true, "x", 0, 2),
                new QueueCall(1, Type.TAKE, "c1", "t2", Phase.OK, true, "x", 1, 3)), calls);
        assertFalse(calls.get(0).precedes(calls.get(1)), "they overlap");
        assertEquals("c1/t2", calls.get(1).actor());
    }

    @Test
    void aCallCompletesOnlyOnce() {
        QueueHistory h = new QueueHistory();
        QueueHistory.PendingPut put = h.invokePut("p1", "t1", 1);
        put.ok();
        assertThrows(IllegalStateException.class, put::info);
        assertEquals(2, h.ops().size());
    }

    @Test
    void timeNeverGoesBackAlongTheHistory() {
        QueueHistory h = new QueueScript().putAll("p1", 1, 2, 3).takeAll("c1", 1, 2, 3).history();
        List<QueueOp> ops = h.ops();
        for (int i = 1; i < ops.size(); i++) {
            assertEquals(ops.get(i - 1).seq() + 1, ops.get(i).seq());
            assertTrue(ops.get(i - 1).nanos() <= ops.get(i).nanos());
        }
    }

    @Test
    void aTakeOfNullHasAValueAndAFailedTakeHasNone() {
        QueueHistory h = new QueueScript().put("p1", null).take("c1", null).takeNothing("c1").history();
        List<QueueCall> calls = h.calls();
        assertTrue(calls.get(1).hasValue());
        assertNull(calls.get(1).value());
        assertFalse(calls.get(2).hasValue());
    }

    @Test
    void theCurrentThreadOverloadsNameThisProcessAndThread() {
        QueueHistory h = new QueueHistory();
        h.invokePut("v").ok();
        h.invokeTake().ok("v");
        QueueCall call = h.calls().get(0);
        assertEquals("pid" + ProcessHandle.current().pid(), call.process());
        assertEquals(Thread.currentThread().getName() + "#" + Thread.currentThread().getId(), call.thread());
        assertTrue(TotalQueueChecker.check(h).valid());
    }

    @Test
    void opsTravelBySerializationAndRebuildTheSameHistory() throws Exception {
        QueueHistory h = new QueueScript().putAll("p1", 1, null, "s").putUnknown("p1", 2)
                .takeAll("c1", 1, null, "s").takeNothing("c1").history();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(h.ops()));
        }
        List<?> back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (List<?>) in.readObject();
        }
        QueueHistory rebuilt = QueueHistory.of(back.stream().map(QueueOp.class::cast).collect(Collectors.toList()));
        assertEquals(h.calls(), rebuilt.calls());
    }

    @Test
    void aRebuiltHistoryRecordsOnWithoutReusingCallIds() {
        QueueHistory rebuilt = QueueHistory.of(new QueueScript().put("p1", 1).history().ops());
        rebuilt.invokeTake("c1", "main").ok(1);
        assertTrue(TotalQueueChecker.check(rebuilt).valid());
        assertEquals(List.of(0L, 1L), rebuilt.calls().stream().map(QueueCall::id).collect(Collectors.toList()));
    }

    @Test
    void mergeRenumbersCallsAndKeepsEachPartsOrder() {
        // Recorded apart, the two parts use the same call ids and sequence numbers.
        QueueHistory producer = new QueueScript().putAll("p1", "a", "b").history();
        QueueHistory consumer = new QueueScript().takeAll("c1", "a", "b").history();
        QueueHistory merged = QueueHistory.merge(List.of(consumer, producer));
        List<QueueOp> ops = merged.ops();
        assertEquals(8, ops.size());
        assertEquals(4, merged.calls().stream().map(QueueCall::id).distinct().count());
        for (int i = 1; i < ops.size(); i++) {
            assertTrue(ops.get(i - 1).nanos() <= ops.get(i).nanos(), "ordered by time");
        }
        assertEquals("p1", ops.get(0).process(), "the producer recorded first");
        TotalQueueResult r = TotalQueueChecker.check(merged);
        assertTrue(r.valid(), r::describe);
    }

    @Test
    void mergeRefusesAProcessNameFoundInTwoParts() {
        QueueHistory one = new QueueScript().put("p1", "a").history();
        QueueHistory other = new QueueScript().take("p1", "a").history();
        assertThrows(IllegalArgumentException.class, () -> QueueHistory.merge(List.of(one, other)));
    }

    @Test
    void recordingAfterTimesAheadOfTheClockKeepsTimeFromGoingBack() {
        long ahead = System.nanoTime() + 3_600_000_000_000L;
        QueueHistory h = QueueHistory.of(List.of(
                new QueueOp(0, 0, Type.PUT, Phase.INVOKE, "p1", "main", true, 1, ahead)));
        h.invokeTake("c1", "main").ok(1);
        assertEquals(ahead, h.ops().get(2).nanos());
        assertEquals(h.calls(), QueueHistory.of(h.ops()).calls(), "still well formed");
    }

    @Test
    void malformedHistoriesAreRefused() {
        QueueOp putA = op(0, 0, Type.PUT, Phase.INVOKE, "p1", true, "a");
        QueueOp okA = op(1, 0, Type.PUT, Phase.OK, "p1", false, null);
        assertEquals(1, QueueHistory.of(List.of(putA, okA)).calls().size(), "the well-formed base case");

        List<List<QueueOp>> malformed = List.of(
                List.of(okA),
                List.of(putA, okA, op(2, 0, Type.PUT, Phase.INFO, "p1", false, null)),
                List.of(putA, op(1, 0, Type.PUT, Phase.INVOKE, "p1", true, "b")),
                List.of(putA, op(1, 0, Type.TAKE, Phase.OK, "p1", true, "a")),
                List.of(putA, op(1, 0, Type.PUT, Phase.OK, "p2", false, null)),
                List.of(putA, op(1, 0, Type.PUT, Phase.OK, "p1", true, "a")),
                List.of(op(0, 0, Type.PUT, Phase.INVOKE, "p1", false, null)),
                List.of(op(0, 0, Type.TAKE, Phase.INVOKE, "c1", false, null),
                        op(1, 0, Type.TAKE, Phase.OK, "c1", false, null)),
                List.of(op(5, 0, Type.PUT, Phase.INVOKE, "p1", true, "a"),
                        op(5, 0, Type.PUT, Phase.OK, "p1", false, null)),
                List.of(putA, new QueueOp(1, 0, Type.PUT, Phase.OK, "p1", "main", false, null, -1)));
        for (List<QueueOp> ops : malformed) {
            assertThrows(IllegalArgumentException.class, () -> QueueHistory.of(ops), ops::toString);
        }
    }

    @Test
    void aValueWithoutHasValueIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new QueueOp(0, 0, Type.TAKE, Phase.OK, "c1", "main", false, "x", 0));
    }

    private static QueueOp op(long seq, long call, Type type, Phase phase, String process, boolean hasValue,
            Object value) {
        return new QueueOp(seq, call, type, phase, process, "main", hasValue, value, seq);
    }
}
