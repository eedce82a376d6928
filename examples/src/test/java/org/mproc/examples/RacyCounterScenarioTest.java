package org.mproc.examples;

import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;
import org.mproc.harness.junit.Expect;
import org.mproc.harness.junit.GradedScenario;
import org.mproc.harness.junit.GradedScenarioTest;

/**
 * The same table as {@link AtomicCounterScenarioTest}, on {@link Counter#addRacily}, which is
 * wrong on purpose: it gets the value, then sets it plus one, and the other worker's increments
 * that land between the two calls are overwritten. The scenario catches that bug: a trial reports
 * {@code lost N}, FORBIDDEN, and the test fails with the table and the command that replays the run.
 *
 * <p>It fails by design, so {@code mvn verify} leaves it out (see the pom's Surefire excludes);
 * {@code scripts/example-scenarios} runs it and checks that it fails as it should:
 *
 * <pre>mvn -B -f examples/pom.xml verify -Dtest=RacyCounterScenarioTest</pre>
 */
@GradedScenario(id = "racy-counter", title = "two workers add 1 by a get then a set; every increment counts?",
        section = "Counter.addRacily")
@Expect(key = "exact", grade = Grade.REQUIRED, desc = "every increment counted")
@Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "increments overwritten: a read and a write raced")
class RacyCounterScenarioTest implements GradedScenarioTest {
    @Override
    public Outcome runOnce(TrialContext trial) {
        return CounterTrial.run(trial, Counter::addRacily);
    }

    @Override
    public Dimensions dimensions() {
        return CounterTrial.dimensions();
    }
}
