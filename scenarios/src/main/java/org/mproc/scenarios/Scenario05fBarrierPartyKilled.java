package org.mproc.scenarios;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.ProcessQueue;
import org.mproc.SharedBarrier;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.trial.TrialChildren;

/**
 * Scenario 05f — a barrier party SIGKILLed while it waits (a fault variant of the seed's section 5,
 * with the manager's {@code Barrier}, the primitive a CPython program reaches for to run its
 * processes in phases).
 *
 * <p><b>The question:</b> N processes wait at a manager's barrier for a coordinator, and one of them
 * is killed with {@code SIGKILL} while it waits. Are the others told, or do they wait for a party
 * that will never come back? They are told (G-MGR-13): the server sees the dead party's connection
 * end, breaks the barrier, and every other waiter's {@code await} throws
 * {@link BrokenBarrierException}; the barrier stays broken until {@code reset()}, so the coordinator
 * arriving late is refused too. In CPython, a manager's {@code Barrier} is a
 * {@code threading.Barrier} in the server, and a client's {@code wait()} runs on a server thread
 * that keeps waiting after its client died: the dead party still counts as arrived, nobody is told,
 * and when the coordinator arrives the barrier trips and every survivor passes, as if the dead
 * party had reached the next phase.
 *
 * <p><b>Graded</b> (G-HAR-1): each trial starts a manager and a barrier of N + 1 parties: N child
 * processes and the trial itself, the coordinator, which does not arrive yet. N is 3 by default and
 * drawn from 3–5 under stress; which child dies is drawn too. Each child awaits the barrier and puts
 * what it saw on a queue: {@code broken}, {@code passed} or the exception's class. Once
 * {@code barrier.waiting()} shows all N waiting (asked every 20 ms, with a deadline), the trial
 * sends {@code kill -9} to the drawn child's pid, waits until the survivors have reported, then
 * arrives itself with a timeout of 5 s, and finally reaps every child: survivors exit with 0, the
 * dead one with -9. A trial that gives no outcome within {@link #trialTimeout()} is interrupted and
 * counted as a hang.
 *
 * <table>
 *   <caption>Outcomes (G-HAR-1), the same under both profiles</caption>
 *   <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 *   <tr><td>{@code every other party saw BrokenBarrierException}</td><td>REQUIRED</td>
 *       <td>each survivor's await threw BrokenBarrierException, and so did the coordinator's late one</td></tr>
 *   <tr><td>{@code a survivor passed the barrier}</td><td>FORBIDDEN</td>
 *       <td>an await returned though a party died waiting: CPython's behaviour</td></tr>
 *   <tr><td><code>/a survivor got .* instead of BrokenBarrierException/</code></td><td>FORBIDDEN</td>
 *       <td>a survivor's await failed another way</td></tr>
 *   <tr><td><code>/the coordinator's late await .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>the broken barrier let a late party through, or made it wait</td></tr>
 *   <tr><td><code>/child failed: .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>a party failed or exited before it was killed, or a survivor did not exit with 0</td></tr>
 *   <tr><td><code>/hang: .*&#47;</code></td><td>FORBIDDEN</td>
 *       <td>no outcome in time: a survivor left waiting for the dead party</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness run 05f --profile stress --budget 10s
 * [PASS] 05f  A barrier party SIGKILLed while it waits: every other party gets BrokenBarrierException, never a hang  (§5 Using Manager for Shared State)
 *        profile stress · seed 162923777 · 11 trials · budget 10.0 s, took 9.7 s · leak check: processes, shared memory segments, sockets, pipes, files under mproc's directory
 *   RESULT                                        SAMPLES    FREQ  EXPECT       DESCRIPTION
 *   every other party saw BrokenBarrierException       11  100.0%  REQUIRED     each survivor's await threw BrokenBarrierException, and the coordinator's late one
 * </pre>
 * Graded only; there is no {@code main}. That is what it printed on the 2-core machine where it was
 * written, with other builds running: a stress trial takes about 0.9 s. With the kill left out (an
 * edit by hand, to see the hang path work), the first trial ended with
 * {@code hang: nothing arrived before the trial's deadline} after 15 s and the run failed.
 */
public final class Scenario05fBarrierPartyKilled implements Scenario {
    static final String BROKEN = "every other party saw BrokenBarrierException";
    static final String PASSED = "a survivor passed the barrier";
    static final String SAW_BROKEN = "broken";
    static final String SAW_PASSED = "passed";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Duration LATE = Duration.ofSeconds(5);

    /** Used by ServiceLoader. */
    public Scenario05fBarrierPartyKilled() {}

    /**
     * What one party saw at the barrier.
     *
     * @param party the party's number, 0 … N − 1
     * @param saw   {@code broken}, {@code passed}, or the class of another exception
     */
    record Report(int party, String saw) implements Serializable {}

    @Override
    public String id() {
        return "05f";
    }

    @Override
    public String title() {
        return "A barrier party SIGKILLed while it waits: every other party gets BrokenBarrierException, never a hang";
    }

    @Override
    public String seedSection() {
        return "§5 Using Manager for Shared State";
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(BROKEN, Grade.REQUIRED, "each survivor's await threw BrokenBarrierException, and the coordinator's late one")
                .exact(PASSED, Grade.FORBIDDEN, "an await returned though a party died waiting: CPython's behaviour")
                .regex("a survivor got .* instead of BrokenBarrierException", Grade.FORBIDDEN,
                        "a survivor's await failed another way")
                .regex("the coordinator's late await .*", Grade.FORBIDDEN,
                        "the broken barrier let a late party through, or made it wait")
                .regex("child failed: .*", Grade.FORBIDDEN, "a party failed before it was killed, or a survivor exited with another code than 0")
                .regex("hang: .*", Grade.FORBIDDEN, "no outcome in time: a survivor left waiting for the dead party")
                .build();
    }

    /** Generous for a manager, up to five children, a death and the reports on a busy machine. */
    @Override
    public Duration trialTimeout() {
        return Duration.ofSeconds(25);
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        int n = trial.stress() ? 3 + trial.random().nextInt(3) : 3;
        int victim = trial.random().nextInt(n);
        Manager mgr = Manager.start();
        ProcessQueue<Report> reports = ProcessQueue.create();
        try (TrialChildren children = new TrialChildren(PATIENCE)) {
            SharedBarrier barrier = mgr.barrier(n + 1); // the N children and the coordinator, this trial
            List<ChildProcess> parties = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int party = i;
                parties.add(children.start("party-" + i, () -> awaitAndReport(barrier, party, reports)));
            }
            children.until(() -> barrier.waiting() == n, "fewer than " + n + " parties waiting at the barrier");
            int code = children.sigkill(parties.get(victim));
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                Report r = children.await(reports);
                seen.add(r.party() == victim ? "victim " + r.saw() : r.saw());
            }
            Outcome survivors = judge(seen);
            if (!survivors.key().equals(BROKEN)) {
                return survivors;
            }
            Outcome late = lateArrival(barrier);
            if (late != null) {
                return late;
            }
            children.joinAll();
            return code == -9 ? survivors : Outcome.of("child failed: the killed party exited with " + code);
        } catch (TrialChildren.Stopped e) {
            return Outcome.of(e.getMessage());
        } finally {
            TrialChildren.cleanUp(reports::close, mgr::close);
        }
    }

    /** In a child: one party's await, and what it saw, reported once. */
    static void awaitAndReport(SharedBarrier barrier, int party, ProcessQueue<Report> reports) throws InterruptedException {
        String saw;
        try {
            barrier.await();
            saw = SAW_PASSED;
        } catch (BrokenBarrierException e) {
            saw = SAW_BROKEN;
        } catch (RuntimeException e) {
            saw = e.getClass().getName();
        }
        reports.put(new Report(party, saw));
    }

    /** The coordinator arrives after the death: the barrier is broken until reset, so it must be refused. */
    private static Outcome lateArrival(SharedBarrier barrier) throws InterruptedException {
        try {
            barrier.await(LATE);
            return Outcome.of("the coordinator's late await passed a broken barrier");
        } catch (BrokenBarrierException e) {
            return null;
        } catch (java.util.concurrent.TimeoutException e) {
            return Outcome.of("the coordinator's late await timed out instead of BrokenBarrierException");
        }
    }

    /**
     * The outcome of what the survivors saw: {@link #BROKEN} when every one saw {@code broken}, else
     * the first thing that went wrong (a pass, then another exception, then a report from the
     * party that was killed).
     */
    static Outcome judge(List<String> seen) {
        if (seen.contains(SAW_PASSED)) {
            return Outcome.of(PASSED);
        }
        for (String s : seen) {
            if (s.startsWith("victim ")) {
                return Outcome.of("child failed: the killed party reported '" + s.substring(7) + "' before its death");
            }
            if (!s.equals(SAW_BROKEN)) {
                return Outcome.of("a survivor got " + s + " instead of BrokenBarrierException");
            }
        }
        return Outcome.of(BROKEN);
    }
}
