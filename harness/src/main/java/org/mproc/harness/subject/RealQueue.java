package org.mproc.harness.subject;

import org.mproc.ProcessQueue;

/** {@link QueueSubject} as the runtime provides it: {@link ProcessQueue#put} and {@link ProcessQueue#take}. */
public final class RealQueue implements QueueSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <E> void put(ProcessQueue<E> queue, E element) throws InterruptedException {
        queue.put(element);
    }

    @Override
    public <E> E take(ProcessQueue<E> queue) throws InterruptedException {
        return queue.take();
    }
}
