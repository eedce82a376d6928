package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pools;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-14: a process's view of itself, as CPython's {@code current_process()} and
 * {@code parent_process()}: the root is {@code MainProcess} with no parent; a child has its
 * {@code ChildProcess}'s name, its own pid and the pid of the process that started it, however
 * deep in the tree; a pool worker is {@code PoolWorker-<pid>}.
 */
@Tag("G-PROC-14")
class ChildProcessIdentityTest {
    /** name, pid, parent pid (−1: none), as a child reports itself. */
    static List<Object> self() {
        ChildProcess.Self me = ChildProcess.current();
        return List.of(me.name(), me.pid(), me.parentPid().orElse(-1), me.isChild());
    }

    static void report(ProcessQueue<List<Object>> out) throws InterruptedException {
        out.put(self());
    }

    /** Starts a grandchild named "grandchild" that reports itself, and reports this child's pid after it. */
    static void startGrandchild(ProcessQueue<List<Object>> out) throws InterruptedException {
        ChildProcess grandchild = ChildProcess.builder().name("grandchild").target(() -> report(out)).build();
        grandchild.start();
        grandchild.join();
        out.put(self());
    }

    @Test
    void theRootIsMainProcessWithNoParent() {
        ChildProcess.Self me = ChildProcess.current();
        assertEquals("MainProcess", me.name());
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertEquals(OptionalLong.empty(), me.parentPid());
        assertFalse(me.isChild());
    }

    @Test
    void aChildHasItsNameItsPidAndItsParentsPid() throws Exception {
        ProcessQueue<List<Object>> out = ProcessQueue.create();
        long root = ProcessHandle.current().pid();
        try (Reaper reaper = new Reaper()) {
            ChildProcess named = reaper.start(ChildProcess.builder().name("reporter").target(() -> report(out)).build());
            assertEquals(List.of("reporter", named.pid(), root, true), out.poll(Delays.CHILD));
            ChildProcess unnamed = reaper.start(ChildProcess.builder().target(() -> report(out)).build());
            List<Object> seen = out.poll(Delays.CHILD);
            assertEquals(List.of(unnamed.name(), unnamed.pid(), root, true), seen);
            assertTrue(unnamed.name().startsWith("ChildProcess-"), unnamed.name());
            Reaper.joinWithin(named, Delays.CHILD);
            Reaper.joinWithin(unnamed, Delays.CHILD);
            assertEquals(OptionalInt.of(0), named.exitCode());
        }
    }

    @Test
    void aGrandchildsParentIsTheChildThatStartedIt() throws Exception {
        ProcessQueue<List<Object>> out = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(ChildProcess.builder().name("middle").target(() -> startGrandchild(out)).build());
            List<Object> grandchild = out.poll(Delays.CHILD.multipliedBy(2));
            List<Object> middle = out.poll(Delays.CHILD);
            assertEquals(List.of("middle", child.pid(), ProcessHandle.current().pid(), true), middle);
            assertEquals("grandchild", grandchild.get(0));
            assertEquals(child.pid(), grandchild.get(2), "started by the middle child, not the root");
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode());
        }
    }

    @Test
    void aPoolWorkerIsNamedAfterItsPidAndStartedByThePoolsProcess() {
        Pool pool = new Pool(1);
        try {
            List<Object> seen = pool.apply(x -> self(), 0);
            assertEquals("PoolWorker-" + seen.get(1), seen.get(0));
            assertEquals(ProcessHandle.current().pid(), seen.get(2));
            assertEquals(true, seen.get(3));
        } finally {
            Pools.closeWithin(pool, Delays.CHILD);
        }
    }
}
