package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.ProcessException;
import org.mproc.ProcessQueue;
import org.mproc.SharedLock;
import org.mproc.SharedValue;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/** The manager's shared objects seen from several real processes. One server for the class. */
class ManagerBasicsTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    static void setFromChild(Namespace ns) {
        ns.set("from-child", List.of(1, 2, 3));
    }

    @Test
    @Tag("G-MGR-1")
    void aWriteIsVisibleToEveryProcessOnceItReturns() throws Exception {
        Namespace ns = MANAGER.get().namespace();
        ns.set("from-parent", "hello");
        try (Reaper reaper = new Reaper()) {
            ProcessQueue<Object> seen = ProcessQueue.create();
            ChildProcess reader = reaper.start(new ChildProcess("reader", () -> seen.put(ns.get("from-parent"))));
            assertEquals("hello", seen.poll(Delays.CHILD));
            ChildProcess writer = reaper.start(new ChildProcess("writer", () -> setFromChild(ns)));
            Reaper.joinWithin(writer, Delays.CHILD);
            Reaper.joinWithin(reader, Delays.CHILD);
            assertEquals(0, writer.exitCode().orElseThrow());
        }
        assertEquals(List.of(1, 2, 3), ns.get("from-child"));
    }

    static void removeFromChild(Namespace ns) {
        ns.remove("doomed");
    }

    @Test
    @Tag("G-MGR-1")
    void anAttributeRemovedInOneProcessIsGoneForEveryOther() throws Exception {
        Namespace ns = MANAGER.get().namespace();
        ns.set("doomed", List.of("a"));
        ns.set("kept", 1);
        try (Reaper reaper = new Reaper()) {
            ChildProcess remover = reaper.start(new ChildProcess("remover", () -> removeFromChild(ns)));
            Reaper.joinWithin(remover, Delays.CHILD);
            assertEquals(0, remover.exitCode().orElseThrow());
        }
        assertThrows(java.util.NoSuchElementException.class, () -> ns.get("doomed"));
        assertThrows(java.util.NoSuchElementException.class, () -> ns.remove("doomed"), "CPython: AttributeError");
        assertEquals(1, ns.<Integer>remove("kept"), "remove returns the value it had");
        assertThrows(NullPointerException.class, () -> ns.remove(null));
        ns.set("doomed", null);
        assertNull(ns.<Object>remove("doomed"), "a null value is removed like any other");
    }

    @Test
    @Tag("G-MGR-5")
    void valuesComeBackAsCopies() {
        SharedValue<ArrayList<Integer>> shared = MANAGER.get().value(new ArrayList<>(List.of(1)));
        ArrayList<Integer> mine = shared.get();
        mine.add(2);
        assertEquals(List.of(1), shared.get());
        ArrayList<Integer> put = new ArrayList<>(List.of(7));
        shared.set(put);
        put.add(8);
        assertEquals(List.of(7), shared.get());
    }

    static Integer failChecked(Integer v) throws IOException {
        throw new IOException("disk on fire");
    }

    static Integer failUnchecked(Integer v) {
        throw new IllegalStateException("not now");
    }

    @Test
    @Tag("G-MGR-4")
    void theReferentsExceptionsComeBackWithClassAndMessage() {
        Namespace ns = MANAGER.get().namespace();
        NoSuchElementException unset = assertThrows(NoSuchElementException.class, () -> ns.get("nothing"));
        assertTrue(unset.getMessage().contains("'nothing'"), unset.getMessage());
        ns.set("n", 1);
        IllegalStateException unchecked = assertThrows(IllegalStateException.class,
                () -> ns.updateAndGet("n", ManagerBasicsTest::failUnchecked));
        assertEquals("not now", unchecked.getMessage());
        TaskFailedException checked = assertThrows(TaskFailedException.class,
                () -> ns.updateAndGet("n", ManagerBasicsTest::failChecked));
        assertInstanceOf(IOException.class, checked.getCause());
        assertEquals("disk on fire", checked.getCause().getMessage());
        assertEquals(MANAGER.get().pid(), checked.workerPid());
        assertEquals(1, ns.<Integer>get("n"), "a failed update changes nothing");
    }

    static void incrementAtomically(Namespace ns, int times) {
        for (int i = 0; i < times; i++) {
            ns.updateAndGet("counter", (Integer v) -> v + 1);
        }
    }

    static void incrementRacily(Namespace ns, int times) {
        for (int i = 0; i < times; i++) {
            ns.set("counter", ns.<Integer>get("counter") + 1);
        }
    }

    private static int runIncrements(Namespace ns, int processes, int times, boolean atomic) throws Exception {
        ns.set("counter", 0);
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int k = 0; k < processes; k++) {
                children.add(reaper.start(new ChildProcess("incrementer-" + k,
                        atomic ? () -> incrementAtomically(ns, times) : () -> incrementRacily(ns, times))));
            }
            for (ChildProcess c : children) {
                Reaper.joinWithin(c, Delays.LONG);
                assertEquals(0, c.exitCode().orElseThrow(), c.toString());
            }
        }
        return ns.get("counter");
    }

    @Test
    @Tag("G-MGR-3")
    void updateAndGetFromManyProcessesNeverLosesAnIncrement() throws Exception {
        assertEquals(4 * 150, runIncrements(MANAGER.get().namespace(), 4, 150, true));
    }

    @Test
    @Tag("G-MGR-2")
    void getThenSetFromManyProcessesLosesUpdatesAndStaysInBounds() throws Exception {
        int rounds = 0;
        int lowest = Integer.MAX_VALUE;
        while (rounds < 5 && lowest == Integer.MAX_VALUE) {
            rounds++;
            int last = runIncrements(MANAGER.get().namespace(), 4, 200, false);
            assertTrue(last >= 1 && last <= 4 * 200, "final value " + last + " outside [1, 800]");
            if (last < 4 * 200) {
                lowest = last;
            }
        }
        assertTrue(lowest < 4 * 200, "no lost update seen in " + rounds + " rounds of 4 × 200 racy increments");
    }

    @Test
    @Tag("G-MGR-8")
    void closeStopsTheServerWithExitCodeZeroAndEveryProxyFailsPromptly() {
        Manager own = Manager.start();
        long pid = own.pid();
        Namespace ns = own.namespace();
        SharedLock lock = own.lock();
        ns.set("x", 1);
        own.close();
        assertEquals(java.util.OptionalInt.of(0), own.exitCode());
        assertTrue(org.mproc.testkit.Pids.hasExited(pid));
        assertTimeoutPreemptively(Delays.SHORT, () -> {
            assertThrows(ProcessException.class, () -> ns.get("x"));
            assertThrows(ProcessException.class, lock::tryLock);
        });
        own.close(); // idempotent
    }

    @Test
    @Tag("G-MGR-8")
    void closeAlsoClosesThisProcesssConnectionToTheServer() throws IOException {
        long before = sockets();
        try (Manager own = Manager.start()) {
            own.namespace().set("x", 1);
        }
        // The server's own connections end with it, seen by this side's readers a moment later.
        org.awaitility.Awaitility.await("socket descriptors back to " + before).atMost(Delays.SHORT)
                .until(() -> sockets() == before);
    }

    private static long sockets() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Paths.get("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    @Tag("G-MGR-1")
    void whenTheServerIsKilledEveryProxyFailsPromptlyWithProcessException() throws Exception {
        Manager own = Manager.start();
        Namespace ns = own.namespace();
        SharedLock lock = own.lock();
        ns.set("x", 1);
        lock.lock();
        java.util.concurrent.CompletableFuture<Object> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                lock.lock();
                return "acquired";
            } catch (InterruptedException | RuntimeException e) {
                return e;
            }
        });
        ProcessHandle.of(own.pid()).orElseThrow().destroyForcibly();
        Object outcome = waiting.get(Delays.SHORT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertInstanceOf(ProcessException.class, outcome, "a blocked lock() fails when the server dies");
        assertTimeoutPreemptively(Delays.SHORT, () -> assertThrows(ProcessException.class, () -> ns.get("x")));
        own.close();
    }

    /** Many threads of one process share its one connection: each call's answer reaches its caller. */
    @Test
    @Tag("G-MGR-3")
    void manyThreadsOfOneProcessShareTheConnectionAndEveryCallGetsItsOwnAnswer() throws Exception {
        Namespace ns = MANAGER.get().namespace();
        SharedLock lock = MANAGER.get().lock();
        ns.set("counter", 0);
        ns.set("locked", 0);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int me = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        ns.updateAndGet("counter", (Integer v) -> v + 1);
                        ns.set("mine-" + me, i);
                        assertEquals(i, ns.<Integer>get("mine-" + me), "an answer meant for another thread");
                        try (SharedLock.Held held = lock.acquire()) {
                            assertFalse(held.abandoned(), "no holder died in this test");
                            ns.set("locked", ns.<Integer>get("locked") + 1);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(Delays.LONG.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(800, ns.<Integer>get("counter"));
        assertEquals(800, ns.<Integer>get("locked"));
    }
}
