package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/**
 * Many children at once, as CPython's {@code test_many_processes}: started together and joined,
 * all exit 0 and each one's output reaches its own consumer; started and terminated at once, all
 * report −15; afterwards none of the runtime's per-child threads is left.
 */
class ChildProcessBurstTest {
    private static final int CHILDREN = 12;

    static void sayName(String name) {
        System.out.println("I am " + name);
    }

    private static Set<String> perChildThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("mproc-out-") || n.startsWith("mproc-err-")
                        || n.startsWith("mproc-watch-") || n.startsWith("mproc-keepalive-")
                        || n.startsWith("mproc-conn-"))
                .collect(Collectors.toSet());
    }

    @Test
    @Tag("G-PROC-1")
    @Tag("G-PROC-4")
    void manyChildrenStartedTogetherAllRunAndKeepTheirOutputApart() throws Exception {
        Map<String, List<String>> outputs = new ConcurrentHashMap<>();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                String name = "c" + i;
                List<String> lines = new ArrayList<>();
                outputs.put(name, lines);
                children.add(reaper.start(ChildProcess.builder().name(name).target(() -> sayName(name))
                        .output(line -> {
                            synchronized (lines) {
                                lines.add(line);
                            }
                        }).build()));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.LONG);
                assertEquals(OptionalInt.of(0), child.exitCode(), child::toString);
            }
        }
        outputs.forEach((name, lines) -> assertEquals(List.of("I am " + name), lines));
        await().atMost(Delays.SHORT).until(() -> perChildThreads().isEmpty());
    }

    @Test
    @Tag("G-PROC-1")
    void manyChildrenTerminatedRightAfterStartAllReportSigterm() throws Exception {
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                children.add(reaper.start(new ChildProcess("t" + i, Sleepers::announceAndSleep)));
            }
            children.forEach(ChildProcess::terminate);
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.LONG);
                assertEquals(OptionalInt.of(-15), child.exitCode(), child::toString);
            }
        }
        await().atMost(Delays.SHORT).until(() -> perChildThreads().isEmpty());
    }
}
