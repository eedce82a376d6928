package org.mproc.harness.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives {@link GradedScenarioTest#passesItsOutcomeTable} its {@link ScenarioRun}, with settings
 * read from JUnit's configuration parameters, which fall back to the JVM's system properties
 * (G-HAR-8): {@code mproc.budget} (default {@code 2s}), {@code mproc.profile} ({@code default} or
 * {@code stress}) and {@code mproc.seed} (a fresh one when absent, printed for the replay).
 * Registered by {@link GradedScenarioTest}; nothing to declare.
 */
public final class GradedScenarioExtension implements ParameterResolver {
    /** Made by JUnit from {@link GradedScenarioTest}'s {@code @ExtendWith}. */
    public GradedScenarioExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScenarioRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new ScenarioRun(context::getConfigurationParameter, line -> {
            System.out.println(line);
            System.out.flush();
        }, entry -> context.publishReportEntry(ScenarioRun.REPORT_KEY, entry));
    }
}
