package org.mproc.scenarios;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.QueueSubject;
import org.mproc.harness.subject.RealQueue;
import org.mproc.scenarios.trial.QueueStressTrial;
import org.mproc.scenarios.trial.TrialChildren;

/**
 * Scenario 03 — sharing data through a queue (the seed's section 3).
 *
 * <p><b>The question:</b> can one child hand a value to another through a queue that neither of them
 * created? The main program creates the queue and passes it to both children; the producer puts one
 * list, {@code [42, null, "hello"]}, and the consumer takes it and prints it. The list arrives
 * whole, exactly once (G-QUEUE-1), {@code null} included: it is a valid element, and a valid
 * member of an element. The consumer prints {@code [42, null, hello]}, the Java spelling of the
 * seed's {@code [42, None, 'hello']}: {@code List.toString} instead of Python's {@code repr}.
 *
 * <p>As in the seed, the queue carries one object, a list, not three elements. The list is built
 * with {@link Arrays#asList}, which allows {@code null} ({@code List.of} does not). What the
 * consumer takes is a copy made by the codec, not the producer's object (G-QUEUE-3), just as
 * CPython pickles it.
 *
 * <p>What differs from Python: CPython's {@code put} hands the list to a feeder thread that pickles
 * and writes it later. The seed is safe only because its consumer is another running process that
 * drains the pipe: a producer killed just after {@code put} could lose the list, and a parent that
 * joins a producer before taking a large item (over the pipe's ~64 KiB) deadlocks (gh-73983).
 * Here {@code put} returns only once the element is held by the queue's host, the main program, so
 * neither can happen (G-QUEUE-4). The queue handle is {@code Serializable}; each target is a lambda
 * calling a static method, capturing only the queue.
 *
 * <p><b>Graded</b> (G-HAR-1), every put and take of the scenario's data goes through a
 * {@link QueueSubject}, so that a broken queue can be shown to fail (G-HAR-4). The default profile
 * runs the seed's shape, and the consumer sends what it took back to the parent through a second
 * queue. The stress profile runs {@link QueueStressTrial}: 2 producers put 2,500 distinct elements
 * each, 2 consumers take them, and the recorded history is checked for loss, duplicates and each
 * producer's order (G-QUEUE-1). Its shape (G-HAR-6) shrinks after a failure: {@code elements} in
 * all (main, min 1), {@code producers}, {@code consumers} (min 1) and {@code payload}, the longest
 * payload (min 0); {@code --shape elements=1000,producers=1} replays a shrunk trial.
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 * <tr><td>{@code [42, null, hello]}</td><td>ACCEPTABLE</td><td>default: the list arrived whole,
 *     {@code null} included</td></tr>
 * <tr><td>{@code delivered exactly once, FIFO per producer}</td><td>ACCEPTABLE</td><td>stress: every
 *     element taken once, each producer's elements in the order put</td></tr>
 * <tr><td>{@code lost n of m acknowledged elements}</td><td>FORBIDDEN</td><td>stress: a put returned and its
 *     element never arrived</td></tr>
 * <tr><td>{@code duplicated n elements…}</td><td>FORBIDDEN</td><td>stress: an element was taken
 *     more often than it was put</td></tr>
 * <tr><td>{@code took n elements never put…}</td><td>FORBIDDEN</td><td>stress: an element arrived
 *     that no producer put</td></tr>
 * <tr><td>{@code out of producer order…}</td><td>FORBIDDEN</td><td>stress: a consumer took a
 *     producer's later element before its earlier one</td></tr>
 * <tr><td>anything else: another list, a child that failed, a hang</td><td>FORBIDDEN</td>
 *     <td>the queue lost, changed or withheld what was put</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario03QueueSharing
 * [42, null, hello]
 * </pre>
 * The output never varies: the consumer may start before the producer has put, and then waits in
 * {@code take()}. On the 2-core machine where this was written the program takes about 0.35 s,
 * most of it starting the two child JVMs. As a graded scenario,
 * {@code scripts/harness run 03 --profile stress}: a default trial takes 0.25–0.35 s, a stress trial
 * 1.5–2 s (measured while other builds shared the machine).
 */
public final class Scenario03QueueSharing implements Scenario {
    private static final String SEED_LIST = "[42, null, hello]";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OutcomeTable OUTCOMES = OutcomeTable.builder()
            .exact(SEED_LIST, Grade.ACCEPTABLE, "the list arrived whole, null included")
            .exact(QueueStressTrial.VALID, Grade.ACCEPTABLE,
                    "every element taken exactly once, each producer's in the order put")
            .regex("lost \\d+ .*", Grade.FORBIDDEN, "a put returned and its element never arrived")
            .regex("duplicated \\d+ .*", Grade.FORBIDDEN, "an element was taken more often than it was put")
            .regex("took \\d+ elements never put.*", Grade.FORBIDDEN, "an element arrived that no producer put")
            .regex("out of producer order.*", Grade.FORBIDDEN,
                    "a consumer took a producer's later element before its earlier one")
            .regex(".*", Grade.FORBIDDEN, "anything else: another list, a child that failed, a hang")
            .build();

    /** For {@link java.util.ServiceLoader}. */
    public Scenario03QueueSharing() {}

    @Override
    public String id() {
        return "03";
    }

    @Override
    public String title() {
        return "One child hands a list to another through a queue neither created";
    }

    @Override
    public String seedSection() {
        return "§3 Sharing Data with Queue";
    }

    @Override
    public OutcomeTable outcomes() {
        return OUTCOMES;
    }

    /** The stress shape's: elements (main), producers, consumers, payload; the seed's shape asks for none. */
    @Override
    public Dimensions dimensions() {
        return QueueStressTrial.DIMENSIONS;
    }

    @Override
    public Optional<Class<?>> subjectType() {
        return Optional.of(QueueSubject.class);
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        QueueSubject subject = trial.subject(QueueSubject.class, RealQueue::new);
        return trial.stress() ? QueueStressTrial.run(subject, trial) : seedShape(subject);
    }

    /** The seed's two children; the consumer sends what it took to the parent as text. */
    private static Outcome seedShape(QueueSubject subject) throws InterruptedException {
        ProcessQueue<List<Object>> q = ProcessQueue.create();
        ProcessQueue<String> report = ProcessQueue.create();
        try (TrialChildren children = new TrialChildren(PATIENCE)) {
            children.start("producer", () -> subject.put(q, Arrays.asList(42, null, "hello")));
            children.start("consumer", () -> report.put(String.valueOf(subject.take(q))));
            String got = children.await(report);
            children.joinAll();
            return Outcome.of(got.isBlank() ? "a blank list text" : got.replace("\n", "\\n"));
        } catch (TrialChildren.Stopped e) {
            return Outcome.of(e.getMessage());
        } finally {
            TrialChildren.cleanUp(q::close, report::close);
        }
    }

    static void producer(ProcessQueue<List<Object>> q) throws InterruptedException {
        q.put(Arrays.asList(42, null, "hello"));
    }

    static void consumer(ProcessQueue<List<Object>> q) throws InterruptedException {
        System.out.println(q.take());
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessQueue<List<Object>> q = ProcessQueue.create();
        ChildProcess p1 = new ChildProcess("producer", () -> producer(q));
        ChildProcess p2 = new ChildProcess("consumer", () -> consumer(q));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
    }
}
