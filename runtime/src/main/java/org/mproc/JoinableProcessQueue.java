package org.mproc;

/**
 * A {@link ProcessQueue} that counts unfinished elements: each put adds one, each
 * {@link #taskDone()} removes one, and {@link #join()} waits until none is left (G-QUEUE-7).
 *
 * <pre>{@code
 * JoinableProcessQueue<Integer> work = JoinableProcessQueue.create();
 * ChildProcess worker = new ChildProcess("worker", () -> {
 *     while (true) { handle(work.take()); work.taskDone(); }
 * });
 * worker.start();
 * work.putAll(List.of(1, 2, 3));
 * work.join();                  // every element was taken and marked done
 * }</pre>
 */
public class JoinableProcessQueue<E> extends ProcessQueue<E> {
    private static final long serialVersionUID = 1L;

    private JoinableProcessQueue(QueueState state) {
        super(state);
    }

    public static <E> JoinableProcessQueue<E> create() {
        return new JoinableProcessQueue<>(QueueHost.get().create(0, true));
    }

    public static <E> JoinableProcessQueue<E> create(int capacity) {
        return new JoinableProcessQueue<>(QueueHost.get().create(requireCapacity(capacity), true));
    }

    /** Marks one taken element done; one call more than elements put throws {@link IllegalStateException}. */
    public void taskDone() {
        ask(org.mproc.wire.FrameTypes.QUEUE_TASK_DONE);
    }

    /** Waits until every element put was marked done. */
    public void join() throws InterruptedException {
        QueueLink l = link();
        l.await(l.request(org.mproc.wire.FrameTypes.QUEUE_JOIN, -1));
    }
}
