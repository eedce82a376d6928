package org.mproc;

import org.mproc.internal.queue.QueueHost;
import org.mproc.internal.queue.QueueLink;
import org.mproc.internal.queue.QueueState;

/**
 * A {@link ProcessQueue} that counts unfinished elements, like CPython's {@code JoinableQueue}:
 * each put adds one, each {@link #taskDone()} removes one, and {@link #join()} returns only once
 * none is left; one {@code taskDone()} too many throws {@link IllegalStateException} (G-QUEUE-7
 * of docs/GUARANTEES.md). Every guarantee of {@code ProcessQueue} holds (G-QUEUE-1 … G-QUEUE-6).
 *
 * <pre>{@code
 * JoinableProcessQueue<Integer> work = JoinableProcessQueue.create();
 * ChildProcess worker = ChildProcess.builder().name("worker").daemon(true).target(() -> {
 *     while (true) {
 *         System.out.println(work.take() * 2);
 *         work.taskDone();
 *     }
 * }).build();
 * worker.start();
 * work.putAll(List.of(1, 2, 3));
 * work.join();                  // every element was taken and marked done
 * }</pre>
 *
 * @param <E> the element type
 */
public class JoinableProcessQueue<E> extends ProcessQueue<E> {
    private static final long serialVersionUID = 1L;

    private JoinableProcessQueue(QueueState state) {
        super(state);
    }

    /**
     * An unbounded joinable queue hosted by this process.
     *
     * @param <E> the element type
     * @return a handle to the new queue
     */
    public static <E> JoinableProcessQueue<E> create() {
        return new JoinableProcessQueue<>(QueueHost.get().create(0, true));
    }

    /**
     * A joinable queue of at most {@code capacity} elements, hosted by this process: {@code put}
     * blocks while it is full.
     *
     * @param <E>      the element type
     * @param capacity the most elements the queue holds, at least 1
     * @return a handle to the new queue
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static <E> JoinableProcessQueue<E> create(int capacity) {
        return new JoinableProcessQueue<>(QueueHost.get().create(requireCapacity(capacity), true));
    }

    /**
     * Marks one taken element done, from any process, waking {@link #join()} callers when it was
     * the last (G-QUEUE-7).
     *
     * @throws IllegalStateException if every element put was already marked done
     * @throws ProcessException      if the queue's host has died, or this thread was interrupted
     *                               while asking it (the interrupt status is set again)
     */
    public void taskDone() {
        ask(org.mproc.internal.wire.FrameTypes.QUEUE_TASK_DONE);
    }

    /**
     * Waits until every element put was marked done with {@link #taskDone()}; returns at once if
     * none is unfinished (G-QUEUE-7).
     *
     * @throws ProcessException     if the queue's host has died
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        QueueLink l = link();
        l.await(l.request(org.mproc.internal.wire.FrameTypes.QUEUE_JOIN, -1));
    }
}
