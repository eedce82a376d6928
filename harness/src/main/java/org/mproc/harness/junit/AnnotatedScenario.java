package org.mproc.harness.junit;

import java.time.Duration;
import org.mproc.harness.Durations;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;

/**
 * A {@link GradedScenarioTest} seen as the runner's {@link Scenario}: id, title and trial timeout
 * from {@link GradedScenario}, the table from the {@link Expect} rows, built disjoint so that two
 * rows matching one key are refused (G-HAR-8). Every mistake in the annotations is reported here,
 * before a trial runs, naming the class and the row.
 */
final class AnnotatedScenario implements Scenario {
    private final GradedScenarioTest test;
    private final GradedScenario scenario;
    private final OutcomeTable outcomes;
    private final Duration trialTimeout;
    private final String section;

    AnnotatedScenario(GradedScenarioTest test) {
        Class<?> type = test.getClass();
        this.test = test;
        this.scenario = type.getAnnotation(GradedScenario.class);
        if (scenario == null) {
            throw new IllegalStateException(type.getName() + " implements GradedScenarioTest but has no @GradedScenario(id = …, title = …)");
        }
        this.outcomes = table(type);
        this.trialTimeout = Durations.parse(scenario.trialTimeout());
        this.section = scenario.section().isEmpty() ? type.getSimpleName() : scenario.section();
    }

    private static OutcomeTable table(Class<?> type) {
        Expect[] rows = type.getAnnotationsByType(Expect.class);
        if (rows.length == 0) {
            throw new IllegalStateException(type.getName() + " declares no outcome: add @Expect(key = …, grade = …, desc = …) rows");
        }
        OutcomeTable.Builder table = OutcomeTable.builder();
        for (Expect row : rows) {
            boolean exact = !row.key().isEmpty();
            if (exact == !row.regex().isEmpty()) {
                throw new IllegalStateException(type.getName() + ": the row \"" + row.desc()
                        + "\" must give either key or regex, not " + (exact ? "both" : "neither"));
            }
            if (row.underStress().length > 1) {
                throw new IllegalStateException(type.getName() + ": the row \"" + row.desc() + "\" gives more than one underStress grade");
            }
            if (exact) {
                table.exact(row.key(), row.grade(), row.desc());
            } else {
                table.regex(row.regex(), row.grade(), row.desc());
            }
            if (row.underStress().length == 1) {
                table.underStress(row.underStress()[0]);
            }
        }
        try {
            return table.buildDisjoint();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return scenario.id();
    }

    @Override
    public String title() {
        return scenario.title();
    }

    @Override
    public String seedSection() {
        return section;
    }

    @Override
    public OutcomeTable outcomes() {
        return outcomes;
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        return test.runOnce(trial);
    }

    @Override
    public Dimensions dimensions() {
        return test.dimensions();
    }

    @Override
    public Duration trialTimeout() {
        return trialTimeout;
    }
}
