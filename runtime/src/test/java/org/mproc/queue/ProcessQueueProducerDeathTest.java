package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-QUEUE-4: once {@code put} has returned in a producer process, nothing that happens to the
 * producer can lose the element. A producer that exits (normally, or by {@code Runtime.halt}) right
 * after its last put, one SIGKILLed the moment it says its last put returned, and one joined before
 * anyone took what it put (a 1 MiB element included; CPython deadlocks there, gh-73983) all have
 * every element taken, in order.
 */
@Tag("G-QUEUE-4")
class ProcessQueueProducerDeathTest {
    private static final String LAST_PUT_RETURNED = "last put returned";
    private static final int SMALL = 1000;
    /** Large enough that the last puts are still in the socket when the producer dies. */
    private static final int LARGE_BYTES = 100 * 1024;
    private static final int ONE_MIB = 1 << 20;

    /** Element {@code i} of a producer: mostly short strings, every 200th a large array. */
    static Object element(int i) {
        return i % 200 == 199 ? pattern(i, LARGE_BYTES) : "e" + i;
    }

    /** Whether {@code got} is element {@code i}; arrays compare by content. */
    static boolean isElement(int i, Object got) {
        Object expected = element(i);
        return expected instanceof byte[] e ? got instanceof byte[] g && Arrays.equals(e, g) : expected.equals(got);
    }

    static byte[] pattern(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    static void putAll(ProcessQueue<Object> queue, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            queue.put(element(i));
        }
    }

    /** Takes {@code n} elements, each within a generous bound, and checks them against {@link #element}. */
    private static void assertAllTakenInOrder(ProcessQueue<Object> queue, int n, String producer) throws Exception {
        List<String> wrong = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < n; i++) {
            Object got = queue.poll(Delays.SHORT);
            if (got == null) {
                break;
            }
            taken++;
            if (!isElement(i, got) && wrong.size() < 5) {
                wrong.add("element " + i + " was " + describe(got));
            }
        }
        int count = taken;
        assertEquals(n, taken, () -> producer + ": LOST " + (n - count) + " of " + n + " elements; the first missing is "
                + describe(element(count)) + " (element " + count + ")");
        assertTrue(wrong.isEmpty(), () -> producer + ": elements out of order or changed: " + wrong);
    }

    private static void assertEmpty(ProcessQueue<Object> queue, String producer) {
        Object extra = queue.poll();
        assertNull(extra, () -> producer + ": an element more than was put: " + describe(extra));
    }

    private static String describe(Object o) {
        return o instanceof byte[] b ? "byte[" + b.length + "]" : String.valueOf(o);
    }

    enum Exit { RETURN, HALT }

    static void putAllThenExit(ProcessQueue<Object> queue, int n, Exit exit) throws InterruptedException {
        putAll(queue, n);
        if (exit == Exit.HALT) {
            Runtime.getRuntime().halt(0); // no shutdown hook: nothing is flushed or closed in order
        }
    }

    @ParameterizedTest
    @EnumSource(Exit.class)
    void aProducerThatExitsRightAfterItsLastPutLosesNothing(Exit exit) throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess producer = reaper.start(new ChildProcess("producer-" + exit,
                    () -> putAllThenExit(queue, SMALL, exit)));
            Reaper.joinWithin(producer, Delays.CHILD);
            assertEquals(OptionalInt.of(0), producer.exitCode(), () -> QueueTesting.describe(producer));
            assertAllTakenInOrder(queue, SMALL, producer.toString());
            assertEmpty(queue, producer.toString());
        }
    }

    static void putAllThenAnnounceAndSleep(ProcessQueue<Object> queue, int n) throws InterruptedException {
        putAll(queue, n);
        System.out.println(LAST_PUT_RETURNED);
        Thread.sleep(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {1, 200, 3000})
    void aProducerKilledRightAfterItsLastPutReturnedLosesNothing(int n) throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            AtomicReference<ChildProcess> self = new AtomicReference<>();
            CountDownLatch killed = new CountDownLatch(1);
            ChildProcess producer = ChildProcess.builder().name("killed-producer")
                    .target(() -> putAllThenAnnounceAndSleep(queue, n))
                    .output(line -> {
                        if (line.equals(LAST_PUT_RETURNED)) {
                            self.get().kill(); // on the output thread, as soon as the line is read
                            killed.countDown();
                        } else {
                            System.out.println(line);
                        }
                    }).build();
            self.set(producer);
            reaper.start(producer);
            assertTrue(killed.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS),
                    () -> "the producer never said its last put returned: " + QueueTesting.describe(producer));
            Reaper.joinWithin(producer, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), producer.exitCode(), "the producer died by the test's SIGKILL");
            assertAllTakenInOrder(queue, n, producer.toString());
            assertEmpty(queue, producer.toString());
        }
    }

    static void putSmallThenHuge(ProcessQueue<Object> queue) throws InterruptedException {
        putAll(queue, SMALL);
        queue.put(pattern(7, ONE_MIB));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"take in this process", "take in another child"})
    void joiningAProducerBeforeItsElementsAreTakenNeverDeadlocks(String where) throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess producer = reaper.start(new ChildProcess("producer", () -> putSmallThenHuge(queue)));
            // Nobody takes yet: with a feeder thread (CPython) the producer could not exit.
            Reaper.joinWithin(producer, Delays.CHILD);
            assertEquals(OptionalInt.of(0), producer.exitCode(), () -> QueueTesting.describe(producer));
            assertEquals(SMALL + 1, queue.size(), "everything is held by the host once the producer has exited");
            if (where.equals("take in this process")) {
                assertAllTakenInOrder(queue, SMALL, producer.toString());
                Object huge = queue.poll(Delays.SHORT);
                assertInstanceOf(byte[].class, huge, () -> "the 1 MiB element, last, was " + describe(huge));
                assertTrue(Arrays.equals(pattern(7, ONE_MIB), (byte[]) huge), "the 1 MiB element arrived changed");
            } else {
                ProcessQueue<Object> report = ProcessQueue.create();
                ChildProcess consumer = reaper.start(new ChildProcess("consumer", () -> takeAllAndCheck(queue, report)));
                assertEquals("took " + (SMALL + 1) + " in order", report.poll(Delays.CHILD),
                        () -> QueueTesting.describe(consumer));
                Reaper.joinWithin(consumer, Delays.CHILD);
            }
            assertEmpty(queue, producer.toString());
        }
    }

    static void takeAllAndCheck(ProcessQueue<Object> queue, ProcessQueue<Object> report) throws InterruptedException {
        for (int i = 0; i < SMALL; i++) {
            Object got = queue.poll(Delays.SHORT);
            if (!isElement(i, got)) {
                report.put("element " + i + " was " + describe(got));
                return;
            }
        }
        Object huge = queue.poll(Delays.SHORT);
        if (!(huge instanceof byte[] b && Arrays.equals(b, pattern(7, ONE_MIB)))) {
            report.put("the 1 MiB element was " + describe(huge));
            return;
        }
        report.put("took " + (SMALL + 1) + " in order");
    }
}
