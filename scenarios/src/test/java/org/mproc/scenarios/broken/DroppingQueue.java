package org.mproc.scenarios.broken;

import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessQueue;
import org.mproc.harness.subject.QueueSubject;
import org.mproc.harness.subject.RealQueue;

/**
 * A queue that loses elements (G-HAR-4): every 1000th put in each process returns normally and puts
 * nothing. The count is per process, a static, since the subject is copied into every child.
 */
public final class DroppingQueue implements QueueSubject {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong PUTS = new AtomicLong();

    private final RealQueue real = new RealQueue();

    @Override
    public <E> void put(ProcessQueue<E> queue, E element) throws InterruptedException {
        if (PUTS.incrementAndGet() % 1000 != 0) {
            real.put(queue, element);
        }
    }

    @Override
    public <E> E take(ProcessQueue<E> queue) throws InterruptedException {
        return real.take(queue);
    }
}
