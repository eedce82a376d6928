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
}
