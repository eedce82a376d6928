package org.mproc.examples;

import java.io.Serializable;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;

/**
 * A producer/consumer pipeline across processes: one producer process puts orders on a bounded
 * queue, two consumer processes turn them into invoices on a second queue, and {@code main}
 * collects the invoices and checks that every order was invoiced exactly once.
 *
 * <p>The elements are records: a record that implements {@link Serializable} crosses processes by
 * value, and its {@code equals} compares values, so the end-of-work marker {@link Order#END}
 * still equals itself after the trip. The orders queue holds at most 100 elements: the producer
 * is much faster than the consumers, and {@code put} waits while the queue is full instead of
 * letting it grow. Both queues are hosted by this process (the one that creates them); the
 * children reach them through the handles their tasks capture.
 *
 * <pre>java -jar examples/target/mproc-examples.jar pipeline</pre>
 */
public final class Pipeline {
    static final String NAME = "pipeline";

    private static final int ORDERS = 1_000;
    private static final int CONSUMERS = 2;
    /** Long enough for slow children on a loaded machine; only reached when something is broken. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** What the producer makes. */
    record Order(int id, int quantity, int unitCents) implements Serializable {
        /** One per consumer, after the last order: "no more work, exit". */
        static final Order END = new Order(-1, 0, 0);
    }

    /** What a consumer makes of an order. */
    record Invoice(int orderId, long cents, String consumer) implements Serializable {}

    private Pipeline() {}

    public static void main(String[] args) throws InterruptedException {
        run();
    }

    /** The program; throws instead of exiting, so that a test can call it. */
    static void run() throws InterruptedException {
        ProcessQueue<Order> orders = ProcessQueue.create(100);
        ProcessQueue<Invoice> invoices = ProcessQueue.create();
        try {
            ChildProcess producer = new ChildProcess("producer", () -> produce(orders));
            List<ChildProcess> consumers = List.of(
                    new ChildProcess("consumer-1", () -> consume("consumer-1", orders, invoices)),
                    new ChildProcess("consumer-2", () -> consume("consumer-2", orders, invoices)));
            producer.start();
            consumers.forEach(ChildProcess::start);

            BitSet invoiced = new BitSet(ORDERS);
            Map<String, Integer> perConsumer = new TreeMap<>();
            long cents = 0;
            for (int i = 0; i < ORDERS; i++) {
                Invoice invoice = invoices.poll(PATIENCE);
                Check.that(invoice != null, "only " + i + " of " + ORDERS + " invoices arrived");
                Check.that(!invoiced.get(invoice.orderId()), "order " + invoice.orderId() + " was invoiced twice");
                invoiced.set(invoice.orderId());
                perConsumer.merge(invoice.consumer(), 1, Integer::sum);
                cents += invoice.cents();
            }
            Check.that(invoiced.nextClearBit(0) == ORDERS, "order " + invoiced.nextClearBit(0) + " was not invoiced");
            Check.that(cents == expectedCents(), "invoiced " + cents + " cents, expected " + expectedCents());

            for (ChildProcess child : List.of(producer, consumers.get(0), consumers.get(1))) {
                Check.that(child.join(PATIENCE), child.name() + " did not exit");
                Check.that(child.exitCode().getAsInt() == 0, child.name() + " failed: " + child.failure().orElse(null));
            }
            System.out.printf("%d orders through a queue of capacity 100, invoiced by %s; total %d.%02d%n",
                    ORDERS, perConsumer, cents / 100, cents % 100);
            System.out.println("OK " + NAME);
        } finally {
            orders.close();
            invoices.close();
        }
    }

    /** Runs in the producer process; {@code put} blocks while 100 orders wait. */
    static void produce(ProcessQueue<Order> orders) throws InterruptedException {
        for (int id = 0; id < ORDERS; id++) {
            orders.put(order(id));
        }
        for (int i = 0; i < CONSUMERS; i++) {
            orders.put(Order.END);
        }
    }

    /** Runs in a consumer process, until it takes an end marker. */
    static void consume(String name, ProcessQueue<Order> orders, ProcessQueue<Invoice> invoices)
            throws InterruptedException {
        for (Order order = orders.take(); !order.equals(Order.END); order = orders.take()) {
            invoices.put(new Invoice(order.id(), (long) order.quantity() * order.unitCents(), name));
        }
    }

    private static Order order(int id) {
        return new Order(id, 1 + id % 7, 199 + id % 13);
    }

    private static long expectedCents() {
        long sum = 0;
        for (int id = 0; id < ORDERS; id++) {
            sum += (long) order(id).quantity() * order(id).unitCents();
        }
        return sum;
    }
}
