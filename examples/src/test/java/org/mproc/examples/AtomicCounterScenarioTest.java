package org.mproc.examples;

import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;
import org.mproc.harness.junit.Expect;
import org.mproc.harness.junit.GradedScenario;
import org.mproc.harness.junit.GradedScenarioTest;

/**
 * Does {@link Counter#addAtomically} count every increment when two worker processes add at once?
 * It should: {@code updateAndGet} runs the function inside the manager's server, one call at a
 * time. The graded table requires the exact count and forbids a lost increment; JUnit shows one
 * test, {@code passesItsOutcomeTable()}, which runs trials for {@code -Dmproc.budget} (2 s here,
 * 20 s under {@code -Pstress}, which also picks the stress shape).
 *
 * <pre>mvn -B -f examples/pom.xml verify -Dtest=AtomicCounterScenarioTest</pre>
 */
@GradedScenario(id = "atomic-counter", title = "two workers add 1 with updateAndGet; every increment counts",
        section = "Counter.addAtomically")
@Expect(key = "exact", grade = Grade.REQUIRED, desc = "every increment counted")
@Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "increments overwritten: a read and a write raced")
class AtomicCounterScenarioTest implements GradedScenarioTest {
    @Override
    public Outcome runOnce(TrialContext trial) {
        return CounterTrial.run(trial, Counter::addAtomically);
    }

    @Override
    public Dimensions dimensions() {
        return CounterTrial.dimensions();
    }
}
