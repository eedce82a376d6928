package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;

/**
 * G-PROC-6: a target that cannot be serialized fails in {@code start()}, naming the class, and no
 * process is spawned.
 */
@Tag("G-PROC-6")
class ChildProcessSerializationTest {

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static void assertRejectedNaming(ChildProcess p, String className) {
        Set<Long> before = descendants();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains(className), e::getMessage);
        assertTrue(e.getMessage().contains(p.name()), "names the process: " + e.getMessage());
        assertInstanceOf(NotSerializableException.class, e.getCause());
        assertEquals(before, descendants(), "no process was spawned");
        assertThrows(IllegalStateException.class, p::pid, "the process stays unstarted");
        assertFalse(p.isAlive());
    }

    @Test
    void capturedNonSerializableObjectIsNamed() {
        Object lock = new Object();
        assertRejectedNaming(new ChildProcess("captures-object", () -> System.out.println(lock)),
                "java.lang.Object");
    }

    @Test
    void nonSerializableValueDeepInACapturedGraphIsNamed() {
        List<Object> graph = new ArrayList<>(List.of("fine", new ArrayList<>(List.of(new Thread()))));
        assertRejectedNaming(new ChildProcess("deep", () -> System.out.println(graph.size())),
                "java.lang.Thread");
    }

    private final String field = "the test instance is not serializable";

    @Test
    void capturingTheTestInstanceIsNamed() {
        assertRejectedNaming(new ChildProcess("captures-this", () -> System.out.println(field)),
                ChildProcessSerializationTest.class.getName());
    }

    @Test
    void aRejectedTargetCanBeRetriedAndFailsTheSameWay() {
        Object lock = new Object();
        ChildProcess p = new ChildProcess("twice", () -> System.out.println(lock));
        assertThrows(IllegalArgumentException.class, p::start);
        assertThrows(IllegalArgumentException.class, p::start, "still NEW, still not serializable");
    }

    @Test
    void aTargetOverTheFrameLimitFailsInStartNamingSizeAndLimit() {
        byte[] big = new byte[64 << 20];
        ChildProcess p = new ChildProcess("huge", () -> System.out.println(big.length));
        Set<Long> before = descendants();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("frame limit of " + (64 << 20)), e::getMessage);
        assertTrue(e.getMessage().contains("huge"), e::getMessage);
        assertEquals(before, descendants(), "no process was spawned");
    }
}
