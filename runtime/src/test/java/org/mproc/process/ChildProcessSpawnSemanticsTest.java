package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessTask;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-5: a child is a fresh JVM (CPython's spawn): it gets copies of what the target captured,
 * as they were at {@code start()}, and its writes to statics never reach the parent. No
 * {@code main} guard is needed: the child never re-runs the parent's {@code main}.
 */
@Tag("G-PROC-5")
class ChildProcessSpawnSemanticsTest {
    static int counter;
    static boolean mainRan;

    private static List<String> run(ProcessTask task) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("spawned").target(task)
                    .output(seen::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(0), p.exitCode(), () -> "child output: " + seen);
        }
        return seen;
    }

    static void reportStaticsAndWriteThem() {
        System.out.println("counter=" + counter + " pid=" + ProcessHandle.current().pid());
        counter = 99;
    }

    @Test
    void childStartsFromAFreshJvmAndItsStaticWritesStayThere() throws Exception {
        counter = 42;
        List<String> seen = run(ChildProcessSpawnSemanticsTest::reportStaticsAndWriteThem);
        assertEquals(1, seen.size());
        assertEquals("counter=0", seen.get(0).split(" ")[0], "the child saw the class's initial value");
        assertNotEquals("pid=" + ProcessHandle.current().pid(), seen.get(0).split(" ")[1]);
        assertEquals(42, counter, "the child's write did not reach the parent");
    }

    static void mutate(ArrayList<String> list) {
        System.out.println("child saw " + list);
        list.add("added by child");
        System.out.println("child has " + list);
    }

    @Test
    void capturedArgumentsAreCopiesTakenAtStart() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("copies").target(() -> mutate(list))
                    .output(seen::add).build());
            list.add("added by parent after start");
            Reaper.joinWithin(p, Delays.CHILD);
        }
        assertEquals(List.of("child saw [a, b]", "child has [a, b, added by child]"), seen);
        assertEquals(List.of("a", "b", "added by parent after start"), list);
    }

    /** A program whose main starts a child: if the child re-ran main, it would say so. */
    static final class Program {
        public static void main(String[] args) {
            mainRan = true;
            System.out.println("main ran in " + ProcessHandle.current().pid());
        }

        static void task() {
            System.out.println("task ran, mainRan=" + mainRan);
        }
    }

    @Test
    void theChildDoesNotRerunMain() throws Exception {
        List<String> seen = run(Program::task);
        assertEquals(List.of("task ran, mainRan=false"), seen);
        assertFalse(seen.stream().anyMatch(line -> line.startsWith("main ran")));
    }
}
