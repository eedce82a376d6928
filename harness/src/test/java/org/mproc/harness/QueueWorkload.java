package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.mproc.harness.TestQueues.TestQueue;
import org.mproc.testkit.Delays;

/**
 * Producer and consumer threads recording every call on a {@link TestQueue} into one history, then
 * draining it. Values are distinct ({@code producer * 1_000_000 + k}) so that FIFO is judged on all.
 *
 * <pre>{@code
 * QueueHistory h = new QueueWorkload(4, 3, 2_500).run(TestQueues.correct());
 * }</pre>
 */
record QueueWorkload(int producers, int consumers, int perProducer, boolean consumeAfterProducing) {
    /** How long an idle consumer waits before it looks again whether the producers are done. */
    private static final long POLL_MILLIS = 5;

    QueueWorkload(int producers, int consumers, int perProducer) {
        this(producers, consumers, perProducer, false);
    }

    QueueHistory run(TestQueue queue) throws Exception {
        QueueHistory history = new QueueHistory();
        ExecutorService threads = Executors.newFixedThreadPool(producers + consumers);
        try {
            CountDownLatch producing = new CountDownLatch(producers);
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                running.add(threads.submit(() -> produce(queue, history, producer, producing)));
            }
            if (consumeAfterProducing) {
                producing.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (int c = 0; c < consumers; c++) {
                running.add(threads.submit(() -> consume(queue, history, producing)));
            }
            for (Future<?> f : running) {
                f.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return history;
    }

    private Void produce(TestQueue queue, QueueHistory history, int producer, CountDownLatch producing)
            throws InterruptedException {
        try {
            for (int k = 0; k < perProducer; k++) {
                Integer value = producer * 1_000_000 + k;
                QueueHistory.PendingPut put = history.invokePut(value);
                try {
                    queue.put(value);
                } catch (InterruptedException e) {
                    put.info();
                    throw e;
                }
                put.ok();
            }
        } finally {
            producing.countDown();
        }
        return null;
    }

    private static Void consume(TestQueue queue, QueueHistory history, CountDownLatch producing)
            throws InterruptedException {
        while (true) {
            // Read before the poll: an empty poll after every producer finished means drained.
            boolean producersDone = producing.getCount() == 0;
            QueueHistory.PendingTake take = history.invokeTake();
            Object value;
            try {
                value = queue.poll(POLL_MILLIS);
            } catch (InterruptedException e) {
                take.info();
                throw e;
            }
            if (value != null) {
                take.ok(value);
            } else {
                take.fail();
                if (producersDone) {
                    return null;
                }
            }
        }
    }
}
