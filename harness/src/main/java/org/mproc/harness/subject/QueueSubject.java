package org.mproc.harness.subject;

import java.io.Serializable;
import org.mproc.ProcessQueue;

/** Putting into and taking from a process queue: each element delivered exactly once (G-QUEUE-1/2). */
public interface QueueSubject extends Serializable {
    <E> void put(ProcessQueue<E> queue, E element) throws InterruptedException;

    <E> E take(ProcessQueue<E> queue) throws InterruptedException;
}
