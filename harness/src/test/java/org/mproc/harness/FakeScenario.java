package org.mproc.harness;

import java.time.Duration;

/** A scenario without processes for testing the runner: its trials run the given body. */
final class FakeScenario implements Scenario {
    interface Body {
        Outcome run(TrialContext trial) throws Exception;
    }

    private final OutcomeTable table;
    private final Body body;
    private final Duration trialTimeout;
    private final Dimensions dimensions;

    FakeScenario(OutcomeTable table, Body body) {
        this(table, body, Duration.ofSeconds(60));
    }

    FakeScenario(OutcomeTable table, Body body, Duration trialTimeout) {
        this(table, body, trialTimeout, Dimensions.none());
    }

    private FakeScenario(OutcomeTable table, Body body, Duration trialTimeout, Dimensions dimensions) {
        this.table = table;
        this.body = body;
        this.trialTimeout = trialTimeout;
        this.dimensions = dimensions;
    }

    /** The same scenario, declaring these dimensions. */
    FakeScenario shaped(Dimensions declared) {
        return new FakeScenario(table, body, trialTimeout, declared);
    }

    @Override
    public Dimensions dimensions() {
        return dimensions;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String title() {
        return "a scenario made up for the runner's tests";
    }

    @Override
    public String seedSection() {
        return "none";
    }

    @Override
    public OutcomeTable outcomes() {
        return table;
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        return body.run(trial);
    }

    @Override
    public Duration trialTimeout() {
        return trialTimeout;
    }
}
