package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PIPE-6: threads of one process may share an end — every value sent arrives whole and once,
 * each sending thread's values in its order, and each value received goes to one {@code recv} —
 * and an interrupt ends a wait in {@code recv} or {@code poll} with {@link InterruptedException}
 * without losing a value, even when it races a send.
 */
@Tag("G-PIPE-6")
class PipeThreadsAndInterruptsTest {
    private static final Duration RACE_BUDGET = Delays.scaled(Duration.ofMillis(1500));
    private static final String INTERRUPTED = "InterruptedException";

    @Test
    void anInterruptedRecvOrPollThrowsAndTheValueSentLaterIsStillReceived() throws Exception {
        ProcessPipe.Ends<String> pipe = ProcessPipe.open();
        for (String call : new String[] {"recv", "poll"}) {
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CompletableFuture<Object> blocked = PipeTesting.call("blocked-" + call, () -> {
                waiter.set(Thread.currentThread());
                return call.equals("recv") ? pipe.right().recv() : pipe.right().poll(Delays.LONG);
            });
            org.awaitility.Awaitility.await().atMost(Delays.SHORT).until(() -> waiter.get() != null);
            PipeTesting.awaitWaiting(waiter.get());
            waiter.get().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> blocked.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause(), () -> call + ": " + Causes.text(e.getCause()));
            pipe.left().send("after " + call);
            assertEquals("after " + call, pipe.right().recv());
        }
    }

    /**
     * Rounds of: a thread waits in {@code recv}; one thread sends the round's number while this one
     * interrupts the receiver, after random short spins. The number must then have been received,
     * or still be there for the next {@code recv}. Returns the problems, and how each round ended.
     */
    static String interruptRaces(ProcessPipe.Ends<Integer> pipe, long budgetNanos, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> problems = new ArrayList<>();
        int received = 0;
        int interrupted = 0;
        long end = System.nanoTime() + budgetNanos;
        for (int r = 0; System.nanoTime() - end < 0 && problems.size() < 5; r++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    outcome.set(pipe.right().recv());
                } catch (InterruptedException e) {
                    outcome.set(INTERRUPTED);
                } catch (Exception e) {
                    outcome.set(e.toString());
                }
            }, "receiver-" + r);
            receiver.start();
            PipeTesting.awaitWaiting(receiver);
            int value = r;
            int sendSpin = random.nextInt(200);
            CompletableFuture<Object> send = PipeTesting.call("sender-" + r, () -> {
                spin(sendSpin);
                pipe.left().send(value);
                return null;
            });
            spin(random.nextInt(200));
            receiver.interrupt();
            send.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
            receiver.join(Delays.SHORT.toMillis());
            Object got = outcome.get();
            if (Integer.valueOf(value).equals(got)) {
                received++;
            } else if (INTERRUPTED.equals(got)) {
                interrupted++;
                Object left = pipe.right().poll(Delays.SHORT) ? pipe.right().recv() : "nothing";
                if (!Integer.valueOf(value).equals(left)) {
                    problems.add("round " + r + ": the recv was interrupted and " + value + " is LOST (found " + left + ")");
                }
            } else {
                problems.add("round " + r + ": sent " + value + " but the recv ended with " + got);
            }
        }
        String summary = "seed " + seed + ": " + received + " received, " + interrupted + " interrupted first";
        if (received == 0 || interrupted == 0) {
            problems.add("the race was not exercised: " + summary);
        }
        return problems.isEmpty() ? "ok: " + summary : summary + "\n" + String.join("\n", problems);
    }

    private static void spin(int micros) {
        long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anInterruptRacingASendLosesNothingWithinOneProcess() throws Exception {
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        String result = assertTimeoutPreemptively(Delays.LONG,
                () -> interruptRaces(pipe, RACE_BUDGET.toNanos(), System.nanoTime()));
        assertTrue(result.startsWith("ok"), result);
    }

    /** In a child: the rounds, with the pipe's left end here and the receiving end remote. */
    static void racesInChild(ProcessQueue<Object> handles, ProcessQueue<Object> report, long budgetNanos, long seed)
            throws Exception {
        // The test's pipe is hosted by the test: here, both ends go through their connections.
        @SuppressWarnings("unchecked")
        ProcessPipe.Ends<Integer> pipe = (ProcessPipe.Ends<Integer>) handles.take();
        report.put(interruptRaces(pipe, budgetNanos, seed));
    }

    @Test
    void anInterruptRacingASendLosesNothingOnAnEndHostedElsewhere() throws Exception {
        ProcessQueue<Object> handles = ProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        handles.put(ProcessPipe.<Integer>open());
        long budget = RACE_BUDGET.toNanos();
        long seed = System.nanoTime();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-races",
                    () -> racesInChild(handles, report, budget, seed)));
            Object result = report.poll(Delays.CHILD.plus(RACE_BUDGET));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
            assertTrue(String.valueOf(result).startsWith("ok"), String.valueOf(result));
        }
    }

    /** In a child: {@code threads} threads each send {@code n} pairs (thread, i) on the end, then it closes. */
    static void sendFromThreads(ProcessPipe.End<List<Integer>> end, int threads, int n) throws Exception {
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread s = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        end.send(List.of(id, i));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            senders.add(s);
            s.start();
        }
        for (Thread s : senders) {
            s.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a sending thread failed", failures.get(0));
        }
        end.close();
    }

    @Test
    void threadsSharingAnEndEachSendInTheirOrderAndEachValueIsReceivedOnce() throws Exception {
        ProcessPipe.Ends<List<Integer>> pipe = ProcessPipe.open();
        ProcessPipe.End<List<Integer>> theirs = pipe.right();
        int threads = 4;
        int n = 500;
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-threads", () -> sendFromThreads(theirs, threads, n)));
            // Two receiving threads here; each records what it got, in order.
            Map<Integer, List<List<Integer>>> byReceiver = new ConcurrentHashMap<>();
            List<CompletableFuture<Object>> receivers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int id = r;
                List<List<Integer>> got = new ArrayList<>();
                byReceiver.put(id, got);
                receivers.add(PipeTesting.call("receiver-" + r, () -> {
                    try {
                        while (true) {
                            got.add(pipe.left().recv());
                        }
                    } catch (EOFException end) {
                        return null;
                    }
                }));
            }
            for (CompletableFuture<Object> r : receivers) {
                r.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
            }
            Set<List<Integer>> seen = ConcurrentHashMap.newKeySet();
            List<String> wrong = new ArrayList<>();
            for (List<List<Integer>> got : byReceiver.values()) {
                Map<Integer, Integer> last = new HashMap<>();
                for (List<Integer> v : got) {
                    if (!seen.add(v)) {
                        wrong.add("received twice: " + v);
                    }
                    Integer before = last.put(v.get(0), v.get(1));
                    if (before != null && before >= v.get(1)) {
                        wrong.add("thread " + v.get(0) + "'s " + v.get(1) + " came after its " + before);
                    }
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(threads * n, seen.size(), "every value sent is received");
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
        assertThrows(EOFException.class, pipe.left()::recv, "only the end of the stream is left");
    }
}
