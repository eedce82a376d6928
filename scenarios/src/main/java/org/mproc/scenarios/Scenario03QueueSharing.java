package org.mproc.scenarios;

import java.util.Arrays;
import java.util.List;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;

/**
 * Scenario 03 — sharing data through a queue (the seed's section 3).
 *
 * <p><b>The question:</b> can one child hand a value to another through a queue that neither of them
 * created? The main program creates the queue and passes it to both children; the producer puts one
 * list, {@code [42, null, "hello"]}, and the consumer takes it and prints it. The list arrives
 * whole, exactly once (G-QUEUE-1), {@code null} included: it is a valid element, and a valid
 * member of an element. The consumer prints {@code [42, null, hello]}, the Java spelling of the
 * seed's {@code [42, None, 'hello']}: {@code List.toString} instead of Python's {@code repr}.
 *
 * <p>As in the seed, the queue carries one object, a list, not three elements. The list is built
 * with {@link Arrays#asList}, which allows {@code null} ({@code List.of} does not). What the
 * consumer takes is a copy made by the codec, not the producer's object (G-QUEUE-3), just as
 * CPython pickles it.
 *
 * <p>What differs from Python: CPython's {@code put} hands the list to a feeder thread that pickles
 * and writes it later. The seed is safe only because its consumer is another running process that
 * drains the pipe: a producer killed just after {@code put} could lose the list, and a parent that
 * joins a producer before taking a large item (over the pipe's ~64 KiB) deadlocks (gh-73983).
 * Here {@code put} returns only once the element is held by the queue's host, the main program, so
 * neither can happen (G-QUEUE-4). The queue handle is {@code Serializable}; each target is a lambda
 * calling a static method, capturing only the queue.
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario03QueueSharing
 * [42, null, hello]
 * </pre>
 * The output never varies: the consumer may start before the producer has put, and then waits in
 * {@code take()}. On the 2-core machine where this was written the program takes about 0.35 s,
 * most of it starting the two child JVMs.
 */
public final class Scenario03QueueSharing {
    private Scenario03QueueSharing() {}

    static void producer(ProcessQueue<List<Object>> q) throws InterruptedException {
        q.put(Arrays.asList(42, null, "hello"));
    }

    static void consumer(ProcessQueue<List<Object>> q) throws InterruptedException {
        System.out.println(q.take());
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessQueue<List<Object>> q = ProcessQueue.create();
        ChildProcess p1 = new ChildProcess("producer", () -> producer(q));
        ChildProcess p2 = new ChildProcess("consumer", () -> consumer(q));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
    }
}
