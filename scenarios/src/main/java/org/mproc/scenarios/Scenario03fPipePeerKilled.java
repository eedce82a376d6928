package org.mproc.scenarios;

import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.ProcessQueue;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.trial.PipeReader;
import org.mproc.scenarios.trial.TrialChildren;

/**
 * Scenario 03f — a pipe whose peer is SIGKILLed while this end waits in {@code recv} (a fault
 * variant of the seed's section 3: the pipe is the queue's sibling, CPython's {@code Pipe()}).
 *
 * <p><b>The question:</b> a child sends k values through a pipe and then waits for an answer; the
 * parent reads them, and waits in {@code recv} for more, when the child is killed with
 * {@code SIGKILL}. Does the parent get every value sent before the death, in order, and then learn
 * that the stream has ended, or does it wait for ever? It gets them, then {@link EOFException}
 * (G-PIPE-4): the pipe is hosted by the parent, which opened it; the child's end is its own
 * connection to the host, so the kernel closing that socket is the death notice, and the host
 * ends the stream after the values it already holds. In CPython, the child's {@code Connection} is
 * a file descriptor: {@code recv} raises {@code EOFError} only once every copy of the write end is
 * closed. The child's copy closes when it dies, but a parent that still holds its own copy of the
 * child's end (it created the pair, and did not close that end after starting the child) keeps the
 * stream open, and its {@code recv} waits for ever. A parent that closed it gets {@code EOFError}.
 *
 * <p><b>Graded</b> (G-HAR-1): each trial opens a {@link ProcessPipe}, draws k values from the trial's
 * random source, and starts a child that takes the right end, sends them, says so on a queue, then
 * waits in {@code recv} for an answer that never comes. A reader thread of the trial calls
 * {@code recv} on the left end until it throws. Once the child's sends have all returned and the
 * reader has taken a drawn number j of the values, the trial sends {@code kill -9} to the child's
 * pid and waits up to 8 s for the reader to end (G-PIPE-4 promises 1 s); the child is reaped and
 * must have exited with -9. Default: k from 1–10 and j = k, so the reader is waiting in
 * {@code recv} when its peer dies. Stress: k from 200–2,000 (more than the 64 KiB a sender may have
 * unread, so the child's sends also wait for room) and j from 0–k, so the death lands with values
 * still on their way.
 *
 * <table>
 *   <caption>Outcomes (G-HAR-1), the same under both profiles</caption>
 *   <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 *   <tr><td>{@code every value sent before the death, in order, then EOFException}</td><td>REQUIRED</td>
 *       <td>the reader got the k values as sent, then the end of the stream</td></tr>
 *   <tr><td><code>/lost \d+ of \d+ values.*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>a value whose send returned before the death never arrived</td></tr>
 *   <tr><td><code>/received \d+ values? never sent.*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>a value arrived twice, or one nobody sent</td></tr>
 *   <tr><td>{@code values out of order}</td><td>FORBIDDEN</td><td>the right values, in another order</td></tr>
 *   <tr><td><code>/recv threw .* instead of EOFException/</code></td><td>FORBIDDEN</td>
 *       <td>the stream ended with another exception than end of stream</td></tr>
 *   <tr><td><code>/child failed: .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>the sender failed before it was killed, or did not die of SIGKILL</td></tr>
 *   <tr><td><code>/hang: .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>no outcome in time: a recv left waiting after its peer died (CPython's hang)</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness run 03f --profile stress --budget 10s
 * [PASS] 03f  A pipe whose peer is SIGKILLed: recv returns what was sent, in order, then EOFException, never a hang  (§3 Sharing Data with Queue)
 *        profile stress · seed 162923777 · 45 trials · budget 10.0 s, took 9.8 s · leak check: processes, shared memory segments, sockets, pipes, files under mproc's directory
 *   RESULT                                                          SAMPLES    FREQ  EXPECT       DESCRIPTION
 *   every value sent before the death, in order, then EOFException       45  100.0%  REQUIRED     the reader got the k values as sent, then the end of the stream
 * </pre>
 * Graded only; there is no {@code main}. That is what it printed on the 2-core machine where it was
 * written, with other builds running: a stress trial takes about 0.2 s. With the kill left out (an
 * edit by hand, to see the hang path work), the first trial ended with
 * {@code hang: recv still waiting 8 s after the peer's death} and the run failed.
 */
public final class Scenario03fPipePeerKilled implements Scenario {
    static final String EOF = "every value sent before the death, in order, then EOFException";
    static final String OUT_OF_ORDER = "values out of order";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** How long the trial waits for the reader to take its j values before it kills anyway. */
    private static final Duration PROGRESS = Duration.ofSeconds(5);
    /** How long after the death a recv may still wait before it counts as a hang (G-PIPE-4: 1 s). */
    private static final Duration DEATH_SEEN = Duration.ofSeconds(8);

    /** Used by ServiceLoader. */
    public Scenario03fPipePeerKilled() {}

    @Override
    public String id() {
        return "03f";
    }

    @Override
    public String title() {
        return "A pipe whose peer is SIGKILLed: recv returns what was sent, in order, then EOFException, never a hang";
    }

    @Override
    public String seedSection() {
        return "§3 Sharing Data with Queue";
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(EOF, Grade.REQUIRED, "the reader got the k values as sent, then the end of the stream")
                .regex("lost \\d+ of \\d+ values.*", Grade.FORBIDDEN, "a value whose send returned before the death never arrived")
                .regex("received \\d+ values? never sent.*", Grade.FORBIDDEN, "a value arrived twice, or one nobody sent")
                .exact(OUT_OF_ORDER, Grade.FORBIDDEN, "the right values, in another order")
                .regex("recv threw .* instead of EOFException", Grade.FORBIDDEN,
                        "the stream ended with another exception than end of stream")
                .regex("child failed: .*", Grade.FORBIDDEN, "the sender failed before it was killed, or did not die of SIGKILL")
                .regex("hang: .*", Grade.FORBIDDEN, "no outcome in time: a recv left waiting after its peer died (CPython's hang)")
                .build();
    }

    /** Generous for a child's start, up to 2,000 values and a death on a busy machine; a hang fails this fast. */
    @Override
    public Duration trialTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        int k = trial.stress() ? 200 + trial.random().nextInt(1801) : 1 + trial.random().nextInt(10);
        List<Integer> values = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            values.add(trial.random().nextInt());
        }
        int killAfter = trial.stress() ? trial.random().nextInt(k + 1) : k;
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        ProcessPipe.End<Integer> theirs = pipe.right();
        ProcessQueue<Integer> sent = ProcessQueue.create();
        PipeReader<Integer> reader = PipeReader.start(pipe.left(), "mproc-trial-03f-reader-" + trial.index());
        try (TrialChildren children = new TrialChildren(PATIENCE)) {
            ChildProcess peer = children.start("peer", () -> sendThenWait(theirs, values, sent));
            children.await(sent); // every send has returned
            reader.awaitTaken(killAfter, PROGRESS); // taken or not, the peer dies now: a loss shows below
            int code = children.sigkill(peer);
            PipeReader.Result<Integer> r = reader.result(DEATH_SEEN);
            if (r == null) {
                return Outcome.of("hang: recv still waiting " + DEATH_SEEN.toSeconds() + " s after the peer's death");
            }
            Outcome got = judge(values, r.values(), r.end());
            return code == -9 || !got.key().equals(EOF) ? got
                    : Outcome.of("child failed: the peer exited with " + code + ", not -9 (SIGKILL)");
        } catch (TrialChildren.Stopped e) {
            return Outcome.of(e.getMessage());
        } finally {
            TrialChildren.cleanUp(pipe.left()::close, () -> reader.stop(PATIENCE), sent::close);
        }
    }

    /** In the child: send every value, say so, then wait in recv for an answer that never comes. */
    static void sendThenWait(ProcessPipe.End<Integer> end, List<Integer> values, ProcessQueue<Integer> sent)
            throws Exception {
        for (Integer v : values) {
            end.send(v);
        }
        sent.put(values.size());
        end.recv();
    }

    /**
     * The outcome of what the reader received: losses and extras first (counted as multisets), then
     * order, then how the stream ended.
     */
    static Outcome judge(List<Integer> sent, List<Integer> received, Throwable end) {
        Map<Integer, Integer> balance = new HashMap<>();
        sent.forEach(v -> balance.merge(v, 1, Integer::sum));
        received.forEach(v -> balance.merge(v, -1, Integer::sum));
        int lost = balance.values().stream().mapToInt(n -> Math.max(0, n)).sum();
        int extra = balance.values().stream().mapToInt(n -> Math.max(0, -n)).sum();
        List<String> wrong = new ArrayList<>();
        if (lost > 0) {
            wrong.add("lost " + lost + " of " + sent.size() + " values");
        }
        if (extra > 0) {
            wrong.add("received " + extra + (extra == 1 ? " value" : " values") + " never sent (or twice)");
        }
        if (!wrong.isEmpty()) {
            return Outcome.of(String.join("; ", wrong));
        }
        if (!received.equals(sent)) {
            return Outcome.of(OUT_OF_ORDER);
        }
        if (!(end instanceof EOFException)) {
            return Outcome.of("recv threw " + end.getClass().getName() + " instead of EOFException");
        }
        return Outcome.of(EOF);
    }
}
