package org.mproc.scenarios.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Outcome;
import org.mproc.harness.QueueHistory;
import org.mproc.harness.QueueOp;
import org.mproc.harness.TotalQueueChecker;
import org.mproc.harness.TotalQueueResult;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.QueueSubject;
import org.mproc.scenarios.Scenario03QueueSharing;

/**
 * {@link Scenario03QueueSharing}'s stress shape: {@value #PRODUCERS} producer children put
 * {@value #ELEMENTS} distinct elements in all through the subject, {@value #CONSUMERS} consumer
 * children take them through the subject, every call recorded in a {@link QueueHistory}, and
 * {@link TotalQueueChecker} judges the merged history (G-QUEUE-1). Each element carries a random
 * payload of 0 to {@value #PAYLOAD} letters. These four numbers are the shape's dimensions
 * ({@link #DIMENSIONS}, G-HAR-6): a failing trial shrinks them.
 *
 * <p>The end of the stream is marked by the parent, not the producers: once both producers have
 * exited it puts one end marker per consumer with the real {@link ProcessQueue#put}, so a subject
 * that drops or duplicates cannot lose a marker or hand one consumer two. The markers follow every
 * element in the queue, so when each consumer has taken one the queue is drained, which is what
 * {@link TotalQueueChecker#check} assumes: an element acknowledged and never taken is lost.
 */
public final class QueueStressTrial {
    static final int PRODUCERS = 2;
    static final int CONSUMERS = 2;
    static final int ELEMENTS = 5_000;
    static final int PAYLOAD = 23;
    /** Elements in all (main), split evenly over the producers; producers; consumers; the payload's longest length. */
    public static final Dimensions DIMENSIONS = Dimensions.main("elements", 1).and("producers", 1).and("consumers", 1)
            .and("payload", 0);
    public static final String VALID = "delivered exactly once, FIFO per producer";
    private static final String END = "end#";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private QueueStressTrial() {}

    /** One stress trial with {@code trial}'s shape and random source, through {@code subject}. */
    public static Outcome run(QueueSubject subject, TrialContext trial) throws InterruptedException {
        int elements = trial.dimension("elements", ELEMENTS);
        int producerCount = trial.dimension("producers", PRODUCERS);
        int consumers = trial.dimension("consumers", CONSUMERS);
        int payload = trial.dimension("payload", PAYLOAD);
        SplittableRandom random = trial.random();
        ProcessQueue<String> queue = ProcessQueue.create();
        ProcessQueue<List<QueueOp>> histories = ProcessQueue.create();
        try (TrialChildren children = new TrialChildren(PATIENCE)) {
            for (int c = 0; c < consumers; c++) {
                children.start("consumer-" + c, () -> consume(subject, queue, histories));
            }
            List<ChildProcess> producers = new ArrayList<>();
            int share = elements / producerCount;
            for (int p = 0; p < producerCount; p++) {
                int count = p == producerCount - 1 ? elements - share * (producerCount - 1) : share;
                List<String> mine = elements(p, count, payload, random);
                producers.add(children.start("producer-" + p, () -> produce(subject, queue, mine, histories)));
            }
            // Consumers report only after taking a marker, so the first histories are the producers'.
            // Each came after its elements on the same connection, whose frames the host reads in
            // order: once both are here, every element is in the queue, ahead of the markers.
            List<QueueHistory> parts = new ArrayList<>();
            for (int p = 0; p < producerCount; p++) {
                parts.add(QueueHistory.of(children.await(histories)));
            }
            children.join(producers);
            parts.add(endMarkers(queue, consumers));
            for (int c = 0; c < consumers; c++) {
                parts.add(QueueHistory.of(children.await(histories)));
            }
            children.joinAll();
            if (queue.size() > 0) {
                return Outcome.of("elements left in the queue after the end markers");
            }
            return judge(TotalQueueChecker.check(QueueHistory.merge(parts)));
        } catch (TrialChildren.Stopped e) {
            return Outcome.of(e.getMessage());
        } finally {
            TrialChildren.cleanUp(queue::close, histories::close);
        }
    }

    /** Distinct values, so that FIFO can be judged: the producer, a sequence number, a random payload. */
    private static List<String> elements(int producer, int count, int maxPayload, SplittableRandom random) {
        List<String> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder payload = new StringBuilder();
            int length = random.nextInt(maxPayload + 1);
            for (int k = 0; k < length; k++) {
                payload.append((char) ('a' + random.nextInt(26)));
            }
            elements.add("p" + producer + "#" + i + ":" + payload);
        }
        return elements;
    }

    /** After both producers have exited: one marker per consumer, put with the real API and recorded. */
    private static QueueHistory endMarkers(ProcessQueue<String> queue, int consumers) throws InterruptedException {
        QueueHistory history = new QueueHistory();
        for (int c = 0; c < consumers; c++) {
            String marker = END + c;
            QueueHistory.PendingPut put = history.invokePut(marker);
            queue.put(marker);
            put.ok();
        }
        return history;
    }

    static void produce(QueueSubject subject, ProcessQueue<String> queue, List<String> elements,
            ProcessQueue<List<QueueOp>> histories) throws InterruptedException {
        QueueHistory history = new QueueHistory();
        for (String e : elements) {
            QueueHistory.PendingPut put = history.invokePut(e);
            subject.put(queue, e);
            put.ok();
        }
        histories.put(history.ops());
    }

    static void consume(QueueSubject subject, ProcessQueue<String> queue, ProcessQueue<List<QueueOp>> histories)
            throws InterruptedException {
        QueueHistory history = new QueueHistory();
        String got;
        do {
            QueueHistory.PendingTake take = history.invokeTake();
            got = subject.take(queue);
            take.ok(got);
        } while (got == null || !got.startsWith(END));
        histories.put(history.ops());
    }

    private static Outcome judge(TotalQueueResult result) {
        if (result.valid()) {
            return Outcome.of(VALID);
        }
        List<String> parts = new ArrayList<>();
        if (result.lostCount() > 0) {
            parts.add("lost " + result.lostCount() + " of " + result.acknowledged() + " acknowledged elements");
        }
        if (result.duplicatedCount() > 0) {
            parts.add("duplicated " + result.duplicatedCount() + " elements");
        }
        if (result.unexpectedCount() > 0) {
            parts.add("took " + result.unexpectedCount() + " elements never put");
        }
        if (!result.fifoViolations().isEmpty()) {
            parts.add("out of producer order (" + result.fifoViolations().size() + " reversals)");
        }
        return Outcome.of(String.join("; ", parts));
    }
}
