package org.mproc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The usage examples in the public types' Javadoc and in the README, compiled and run as written. */
class ApiExamplesTest {

    @Test
    void childProcessJavadocExample() throws InterruptedException {
        ChildProcess p = new ChildProcess("A",
                () -> System.out.println("hello from " + ProcessHandle.current().pid()));
        p.start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        assertEquals(Optional.empty(), p.failure());
    }

    static void task() {
        System.out.println("on a spare");
    }

    @Test
    void sparesJavadocExample() throws InterruptedException {
        try (Spares spares = Spares.start(2)) {
            ChildProcess p = ChildProcess.builder().target(ApiExamplesTest::task).spares(spares).build();
            p.start();
            p.join();
            assertEquals(OptionalInt.of(0), p.exitCode());
        }
    }

    @Test
    void poolJavadocExample() {
        try (Pool pool = new Pool(2)) {
            java.util.List<Integer> squares = pool.map(x -> x * x, java.util.List.of(1, 2, 3, 4, 5));
            assertEquals(java.util.List.of(1, 4, 9, 16, 25), squares);
        }
    }

    @Test
    void sharedMemoryJavadocExample() throws InterruptedException {
        SharedMemory counts = SharedMemory.create(Long.BYTES);
        ChildProcess child = new ChildProcess("adder", () -> counts.getAndAddLong(0, 42));
        child.start();
        child.join();
        assertEquals(42, counts.asLongBuffer().get(0));
        counts.close();
        counts.unlink();
    }
}
