package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.Namespace;
import org.mproc.ProcessFunction;
import org.mproc.ResultIterator;
import org.mproc.SharedLock;
import org.mproc.SharedValue;
import org.mproc.TaskFailedException;
import org.mproc.harness.QueueHistory;
import org.mproc.harness.TotalQueueChecker;
import org.mproc.harness.TotalQueueResult;
import org.quicktheories.core.Gen;

/**
 * The local runtime's pool, queue and manager guarantees, as properties over generated input,
 * checked against the test run's shared cluster of two member JVMs ({@link SharedTestCluster}; it
 * takes seconds to start): map and imap keep input order and imapUnordered gives the same multiset (G-POOL-1,
 * G-POOL-2), a task's exception reaches the caller with its type and message and the pool goes on
 * (G-POOL-3), generated sequences of puts and takes by the caller and by tasks in the members deliver
 * every element exactly once, judged by the total-queue checker (G-QUEUE-1, G-QUEUE-2), and
 * increments and merges from tasks in several members end exact (G-MGR-3, G-MGR-10). Each property
 * also carries the cluster guarantee that promises it there. Examples are few and small, and the
 * seed fixed, so the class runs in seconds and fails the same way twice.
 */
@Timeout(180)
@ExtendWith(SharedTestCluster.class)
class ClusterPropertyTest {
    private static final long SEED = 20261207L;
    private static final int EXAMPLES = 20;
    private static final int SHRINK_CYCLES = 20;
    /** A bound on every wait for an element that is there: only a lost one makes it run out. */
    private static final Duration ELEMENT_WAIT = Duration.ofSeconds(30);
    private static final Duration EMPTY_POLL = Duration.ofMillis(50);
    /**
     * How much earlier than its timeout a poll may give up: Hazelcast keeps a wait's timeout in
     * whole milliseconds of the member's {@code currentTimeMillis} (99.8 ms was seen for 100 ms).
     */
    private static final Duration CLOCK_GRAIN = Duration.ofMillis(2);
    /** How long a take on an empty queue must be seen waiting before an element is put. */
    private static final Duration BLOCKED_FOR = Duration.ofMillis(100);

    private static Cluster cluster;
    private static ClusterPool pool;
    /** Numbers names, so each example has a queue, namespace or dict of its own. */
    private static final AtomicInteger EXAMPLE = new AtomicInteger();

    @BeforeAll
    static void useTheSharedCluster(Cluster shared, ClusterPool sharedPool) {
        cluster = shared;
        pool = sharedPool;
    }

    private static String fresh(String what) {
        return "property-" + what + "-" + EXAMPLE.incrementAndGet();
    }

    /** A chunk size from a generated number: 0 stands for the pool's default. */
    private static <T, R> List<R> map(ProcessFunction<T, R> f, List<T> items, int chunk) {
        return chunk == 0 ? pool.map(f, items) : pool.map(f, items, chunk);
    }

    /** The function mapped: defined for every int, and null for some, since a null result is a result. */
    private static Long triplePlusOneOrNull(Integer x) {
        return x % 7 == 0 ? null : (long) x * 3 + 1;
    }

    private static List<Long> expected(List<Integer> xs) {
        List<Long> out = new ArrayList<>();
        for (Integer x : xs) {
            out.add(triplePlusOneOrNull(x));
        }
        return out;
    }

    /** A multiset, null allowed: each element and how often it occurs. */
    private static <T> Map<T, Integer> multiset(List<T> xs) {
        Map<T, Integer> counts = new HashMap<>();
        for (T x : xs) {
            counts.merge(x, 1, Integer::sum);
        }
        return counts;
    }

    private static Gen<List<Integer>> inputs() {
        return lists().of(integers().all()).ofSizeBetween(0, 200);
    }

    private static Gen<Integer> chunks() {
        return integers().between(0, 40);
    }

    // ---- pool -----------------------------------------------------------------------------------

    /** {@code map(f, xs, c)} is {@code [f(x) for x in xs]} in input order, for any list (empty too) and chunk size. */
    @Test
    @Tag("G-POOL-1")
    @Tag("G-CLUSTER-2")
    void mapReturnsEveryResultInInputOrder() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(inputs(), chunks())
                .checkAssert((xs, chunk) -> assertEquals(expected(xs), map(ClusterPropertyTest::triplePlusOneOrNull, xs, chunk),
                        "chunk size " + chunk));
    }

    /** {@code imap} yields map's list in order; {@code imapUnordered} the same multiset. */
    @Test
    @Tag("G-POOL-2")
    @Tag("G-CLUSTER-2")
    void imapKeepsInputOrderAndImapUnorderedIsAPermutation() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(inputs(), integers().between(1, 40), booleans().all())
                .checkAssert((xs, chunk, ordered) -> {
                    List<Long> got = new ArrayList<>();
                    try (ResultIterator<Long> it = ordered ? pool.imap(ClusterPropertyTest::triplePlusOneOrNull, xs, chunk)
                            : pool.imapUnordered(ClusterPropertyTest::triplePlusOneOrNull, xs, chunk)) {
                        it.forEachRemaining(got::add);
                    }
                    if (ordered) {
                        assertEquals(expected(xs), got, "imap, chunk size " + chunk);
                    } else {
                        assertEquals(multiset(expected(xs)), multiset(got), "imapUnordered, chunk size " + chunk);
                    }
                });
    }

    /** A checked exception of the test's own, so a cause type the JDK does not have travels too. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final List<Class<? extends Exception>> FAILURES = List.of(IllegalStateException.class,
            IllegalArgumentException.class, IOException.class, Refused.class);

    /** Throws the failure {@code kind} (an index into {@link #FAILURES}) with {@code message}. */
    static Exception failure(int kind, String message) {
        return switch (kind) {
            case 0 -> new IllegalStateException(message);
            case 1 -> new IllegalArgumentException(message);
            case 2 -> new IOException(message);
            default -> new Refused(message);
        };
    }

    /**
     * The task at a generated index throws a generated exception type and message: {@code map}
     * fails with {@link TaskFailedException} naming that index and a member's pid, whose cause has
     * the type and message; the next call on the pool runs as usual.
     */
    @Test
    @Tag("G-POOL-3")
    @Tag("G-CLUSTER-2")
    void aFailingTasksExceptionReachesTheCallerAndThePoolGoesOn() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(integers().between(1, 60).zip(integers().between(0, 59), (n, at) -> List.of(n, at % n)),
                        integers().between(1, 8), integers().between(0, FAILURES.size() - 1),
                        strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 16))
                .checkAssert((sizeAndIndex, chunk, kind, message) -> {
                    int n = sizeAndIndex.get(0);
                    int at = sizeAndIndex.get(1);
                    List<Integer> xs = IntStream.range(0, n).boxed().toList();
                    TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> {
                        if (x == at) {
                            throw failure(kind, message);
                        }
                        return x;
                    }, xs, chunk));
                    assertEquals(at, e.taskIndex(), e.getMessage());
                    assertTrue(cluster.memberPids().contains(e.workerPid()), e.getMessage());
                    assertSame(FAILURES.get(kind), e.getCause().getClass(), String.valueOf(e.getCause()));
                    assertEquals(message, e.getCause().getMessage());
                    assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2), chunk), "the pool goes on");
                });
    }

    // ---- queue ----------------------------------------------------------------------------------

    /** One step of a queue example; {@code a} and {@code b} are small numbers each kind reads its own way. */
    record Step(Kind kind, int a, int b) {
        enum Kind { CALLER_PUTS, CALLER_PUTS_ALL, TASKS_PUT, TASKS_PUT_ALL, CALLER_TAKES, CALLER_DRAINS, TASKS_TAKE }

        static Gen<Step> any() {
            return integers().between(0, Kind.values().length - 1).zip(integers().between(1, 4), integers().between(0, 12),
                    (k, a, b) -> new Step(Kind.values()[k], a, b));
        }
    }

    /**
     * Generated steps by the caller and by tasks in the members — puts, one-operation putAlls,
     * takes, drainTos — on a queue of the example's own, then a drain: every element put is taken
     * exactly once, the caller's own in the order put ({@link TotalQueueChecker}), and {@code size}
     * follows the count at every step. A task's take on the empty queue waits until the caller puts
     * (seen waiting for a while first), and a poll of the empty queue returns null once its
     * timeout has passed. Puts and takes made by tasks are recorded by the caller around the map
     * that runs them: invoked before it, completed after it.
     */
    @Test
    @Tag("G-QUEUE-1")
    @Tag("G-QUEUE-2")
    @Tag("G-CLUSTER-6")
    void stepsByTheCallerAndTasksDeliverEveryElementExactlyOnce() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(lists().of(Step.any()).ofSizeBetween(0, 5), booleans().all())
                .checkAssert((steps, blockedTake) -> {
                    try {
                        new QueueExample(cluster.queue(fresh("steps")), pool).run(steps, blockedTake);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                });
    }

    /** One queue example: its queue, its history, the count of elements the queue should hold, the next value. */
    private static final class QueueExample {
        private final ClusterQueue<Integer> q;
        private final ClusterPool pool;
        private final QueueHistory history = new QueueHistory();
        private int held;
        private int next;

        QueueExample(ClusterQueue<Integer> q, ClusterPool pool) {
            this.q = q;
            this.pool = pool;
        }

        void run(List<Step> steps, boolean blockedTake) throws InterruptedException {
            for (Step s : steps) {
                step(s);
                assertEquals(held, q.size(), "size after " + s);
            }
            while (held > 0) {
                int before = held;
                drain(held);
                if (held == before) { // nothing came: wait once more, else stop and let the checker name what is missing
                    QueueHistory.PendingTake take = history.invokeTake("caller", "main");
                    Integer v = q.poll(ELEMENT_WAIT);
                    complete(take, v);
                    if (v == null) {
                        break;
                    }
                }
            }
            if (blockedTake) {
                aTaskWaitsOnTheEmptyQueueUntilAPut();
            }
            QueueHistory.PendingTake last = history.invokeTake("caller", "main");
            long before = System.nanoTime();
            assertNull(q.poll(EMPTY_POLL), "the queue is empty at the end");
            long waitedMicros = (System.nanoTime() - before) / 1000;
            assertTrue(waitedMicros >= EMPTY_POLL.minus(CLOCK_GRAIN).toNanos() / 1000,
                    "poll returned null after " + waitedMicros + " µs, before its timeout");
            last.fail();
            TotalQueueResult result = TotalQueueChecker.check(history);
            assertTrue(result.valid(), result::describe);
            assertEquals(next, result.delivered(), result::describe);
        }

        private void step(Step s) throws InterruptedException {
            switch (s.kind()) {
                case CALLER_PUTS -> {
                    for (int i = 0; i < s.b(); i++) {
                        int v = next++;
                        QueueHistory.PendingPut put = history.invokePut("caller", "main", v);
                        q.put(v);
                        put.ok();
                        held++;
                    }
                }
                case CALLER_PUTS_ALL -> {
                    List<Integer> vs = values(s.b());
                    List<QueueHistory.PendingPut> puts = vs.stream().map(v -> history.invokePut("caller", "main", v)).toList();
                    q.putAll(vs);
                    puts.forEach(QueueHistory.PendingPut::ok);
                    held += vs.size();
                }
                case TASKS_PUT, TASKS_PUT_ALL -> tasksPut(s.a(), s.b(), s.kind() == Step.Kind.TASKS_PUT_ALL);
                case CALLER_TAKES -> {
                    for (int i = Math.min(s.b(), held); i > 0; i--) {
                        QueueHistory.PendingTake take = history.invokeTake("caller", "main");
                        Integer v = q.poll(ELEMENT_WAIT);
                        complete(take, v);
                    }
                }
                case CALLER_DRAINS -> drain(s.b());
                case TASKS_TAKE -> tasksTake(s.a(), Math.min(s.a() * s.b(), held));
            }
        }

        private List<Integer> values(int n) {
            List<Integer> vs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                vs.add(next++);
            }
            return vs;
        }

        private void complete(QueueHistory.PendingTake take, Integer v) {
            if (v == null) {
                take.fail(); // nothing came within the wait: nothing was taken
            } else {
                take.ok(v);
                held--;
            }
        }

        /** {@code tasks} tasks, one per chunk, each putting {@code each} values of its own (one by one, or in one putAll). */
        private void tasksPut(int tasks, int each, boolean all) {
            List<List<Integer>> shares = new ArrayList<>();
            List<QueueHistory.PendingPut> puts = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                List<Integer> share = values(each);
                shares.add(share);
                for (Integer v : share) {
                    puts.add(history.invokePut("members", "task-" + t, v));
                }
            }
            ClusterQueue<Integer> queue = q;
            pool.map(share -> {
                if (all) {
                    queue.putAll(share);
                } else {
                    for (Integer v : share) {
                        queue.put(v);
                    }
                }
                return share.size();
            }, shares, 1);
            puts.forEach(QueueHistory.PendingPut::ok);
            held += tasks * each;
        }

        /** {@code tasks} tasks, one per chunk, taking {@code total} elements between them. */
        private void tasksTake(int tasks, int total) {
            List<Integer> counts = new ArrayList<>(Collections.nCopies(tasks, total / tasks));
            for (int t = 0; t < total % tasks; t++) {
                counts.set(t, counts.get(t) + 1);
            }
            List<List<QueueHistory.PendingTake>> takes = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                List<QueueHistory.PendingTake> mine = new ArrayList<>();
                for (int i = 0; i < counts.get(t); i++) {
                    mine.add(history.invokeTake("members", "task-" + t));
                }
                takes.add(mine);
            }
            ClusterQueue<Integer> queue = q;
            Duration wait = ELEMENT_WAIT;
            List<List<Integer>> taken = pool.map(count -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Integer v = queue.poll(wait);
                    if (v == null) {
                        break;
                    }
                    got.add(v);
                }
                return got;
            }, counts, 1);
            for (int t = 0; t < tasks; t++) {
                for (int i = 0; i < counts.get(t); i++) {
                    complete(takes.get(t).get(i), i < taken.get(t).size() ? taken.get(t).get(i) : null);
                }
            }
        }

        /** One drainTo of at most {@code max}: as many takes invoked, those it did not fill failed. */
        private void drain(int max) {
            List<QueueHistory.PendingTake> takes = IntStream.range(0, max).mapToObj(i -> history.invokeTake("caller", "main")).toList();
            List<Integer> got = new ArrayList<>();
            int n = q.drainTo(got, max);
            assertEquals(got.size(), n);
            for (int i = 0; i < max; i++) {
                complete(takes.get(i), i < n ? got.get(i) : null);
            }
        }

        /** A task takes from the empty queue: it is still waiting a while later, and gets the element the caller then puts. */
        private void aTaskWaitsOnTheEmptyQueueUntilAPut() throws InterruptedException {
            ClusterQueue<Integer> queue = q;
            QueueHistory.PendingTake take = history.invokeTake("members", "waiter");
            CompletableFuture<Integer> waiting = pool.applyAsync(x -> queue.take(), 0);
            Awaitility.await("a take on the empty queue keeps waiting").during(BLOCKED_FOR).atMost(Duration.ofSeconds(30))
                    .until(() -> !waiting.isDone());
            int v = next++;
            QueueHistory.PendingPut put = history.invokePut("caller", "main", v);
            q.put(v);
            put.ok();
            held++;
            try {
                complete(take, waiting.get(ELEMENT_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                take.info();
                throw new AssertionError("the waiting take did not get the element put", e);
            }
        }
    }

    // ---- manager objects ------------------------------------------------------------------------

    /** How a task adds one to a shared counter. */
    enum Increment { NAMESPACE_UPDATE_AND_GET, VALUE_UPDATE_AND_GET, READ_THEN_WRITE_UNDER_LOCK }

    /**
     * {@code tasks} tasks (one per chunk, so both members run some at once) each add one
     * {@code increments} times to a counter — with the namespace's or the value's atomic
     * {@code updateAndGet}, or with a get then a put under the cluster lock — and the counter ends
     * at exactly {@code tasks × increments}.
     */
    @Test
    @Tag("G-MGR-3")
    @Tag("G-CLUSTER-8")
    @Tag("G-CLUSTER-9")
    void incrementsFromTasksInSeveralMembersEndExact() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(integers().between(1, 6), integers().between(0, 10), integers().between(0, Increment.values().length - 1))
                .checkAssert((tasks, increments, kind) -> {
                    Increment how = Increment.values()[kind];
                    String name = fresh("counter");
                    List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
                    int total = switch (how) {
                        case NAMESPACE_UPDATE_AND_GET -> {
                            Namespace ns = cluster.namespace(name);
                            ns.set("n", 0);
                            pool.map(i -> {
                                for (int k = 0; k < increments; k++) {
                                    ns.updateAndGet("n", (Integer v) -> v + 1);
                                }
                                return i;
                            }, ids, 1);
                            yield ns.get("n");
                        }
                        case VALUE_UPDATE_AND_GET -> {
                            SharedValue<Integer> value = cluster.value(name, 0);
                            pool.map(i -> {
                                for (int k = 0; k < increments; k++) {
                                    value.updateAndGet(v -> v + 1);
                                }
                                return i;
                            }, ids, 1);
                            yield value.get();
                        }
                        case READ_THEN_WRITE_UNDER_LOCK -> {
                            SharedLock lock = cluster.lock(name);
                            ClusterDict<String, Integer> d = cluster.dict(name);
                            d.put("n", 0);
                            pool.map(i -> {
                                for (int k = 0; k < increments; k++) {
                                    lock.lock();
                                    try {
                                        d.put("n", d.get("n") + 1);
                                    } finally {
                                        lock.unlock();
                                    }
                                }
                                return i;
                            }, ids, 1);
                            assertFalse(lock.isLocked(), "every task unlocked");
                            yield d.get("n");
                        }
                    };
                    assertEquals(tasks * increments, total, how + ", " + tasks + " tasks × " + increments);
                });
    }

    /**
     * A word count by {@code merge(word, 1, Integer::sum)} from tasks in both members, over a
     * generated list of words and chunk size, equals the count made here.
     */
    @Test
    @Tag("G-MGR-10")
    @Tag("G-CLUSTER-7")
    void aWordCountByMergeFromTasksIsExact() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(lists().of(integers().between(0, 9).map(i -> "w" + i)).ofSizeBetween(0, 60), integers().between(1, 20))
                .checkAssert((words, chunk) -> {
                    ClusterDict<String, Integer> counts = cluster.dict(fresh("words"));
                    pool.map(w -> counts.merge(w, 1, Integer::sum), words, chunk);
                    Map<String, Integer> expected = words.stream().collect(Collectors.toMap(w -> w, w -> 1, Integer::sum));
                    assertEquals(expected, counts.snapshot(), "chunk size " + chunk);
                });
    }
}
