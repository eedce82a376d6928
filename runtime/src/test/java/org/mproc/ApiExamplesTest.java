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
    void starmapJavadocExample() {
        try (Pool pool = new Pool(1)) {
            java.util.List<String> repeated = pool.starmap(String::repeat,
                    java.util.List.of(Pair.of("a", 3), Pair.of("b", 2)));
            assertEquals(java.util.List.of("aaa", "bb"), repeated);
            ProcessBiFunction<Integer, Integer, Integer> multiply = (a, b) -> a * b;
            assertEquals(java.util.List.of(6), pool.starmap(multiply, java.util.List.of(Pair.of(2, 3))));
        }
    }

    @Test
    void processPipeJavadocExample() throws Exception {
        ProcessPipe.Ends<String> pipe = ProcessPipe.open();
        ProcessPipe.End<String> theirs = pipe.right();
        ChildProcess echo = new ChildProcess("echo", () -> theirs.send(theirs.recv().toUpperCase()));
        echo.start();
        pipe.left().send("hello");
        String got = pipe.left().recv();   // "HELLO"
        echo.join();
        assertEquals("HELLO", got);
        assertEquals(OptionalInt.of(0), echo.exitCode());
    }

    @Test
    void processPipeEndJavadocExample() throws Exception {
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        pipe.right().send(43); // the other end, here in the same process, answers first
        Integer answer = null;
        try (ProcessPipe.End<Integer> end = pipe.left()) {
            end.send(42);
            if (end.poll(java.time.Duration.ofSeconds(1))) {
                answer = end.recv();
            }
        }
        assertEquals(43, answer);
        assertEquals(42, pipe.right().recv());
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
