package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.internal.spawn.ProcessTree;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * A producer process puts into a ring of its own that the host maps and takes in (see
 * {@code RemoteQueueLink.put}): elements arrive whole and in order even when they fill that ring
 * faster than the host takes them in, and neither the ring nor a large element leaves a file behind.
 */
@Tag("G-QUEUE-1")
@Tag("G-QUEUE-4")
class ProcessQueueProducersTest {
    static final int BIG = 60 * 1024; // sixteen fill a producer's ring
    static final int COUNT = 200;
    /** The last element is over the ring's inline limit: it travels in a file of its own. */
    static final int LARGEST = 100 * 1024;

    static byte[] element(int i) {
        ByteBuffer b = ByteBuffer.allocate(i == COUNT - 1 ? LARGEST : BIG);
        while (b.hasRemaining()) {
            b.put((byte) (i + b.position() / 4096));
        }
        return b.putInt(0, i).array();
    }

    static void putMany(ProcessQueue<byte[]> queue) throws InterruptedException {
        for (int i = 0; i < COUNT; i++) {
            queue.put(element(i));
        }
    }

    @Test
    void aProducerFasterThanTheHostTakesItInLosesNothingAndKeepsItsOrder() throws Exception {
        ProcessQueue<byte[]> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess producer = reaper.start(ChildProcess.builder().name("producer")
                    .target(() -> putMany(queue)).build());
            Reaper.joinWithin(producer, Delays.CHILD);
            assertEquals(0, producer.exitCode().orElse(-1), QueueTesting.describe(producer));
            // The producer has exited: what it put is taken in from its ring, all of it, in order.
            for (int i = 0; i < COUNT; i++) {
                byte[] e = queue.poll(Delays.SHORT);
                assertTrue(e != null, "element " + i + " of " + COUNT + " is missing");
                assertArrayEquals(element(i), e, "element " + i);
            }
            assertEquals(0, queue.size());
        }
        assertEquals(List.of(), producerRings(),
                "a producer's ring is removed once the host has mapped it, a large element's file once it is taken in");
    }

    private static List<String> producerRings() throws IOException {
        Path dir = ProcessTree.current().directory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.q\\d+\\.from\\d+(\\.\\d+)?"))
                    .collect(Collectors.toList());
        }
    }
}
