package org.mproc.harness.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One class run through the JUnit Platform launcher, as Surefire runs it, with the events the
 * tests look at: the tests JUnit saw, how each ended, and the tables published as report entries.
 * The mproc settings go in as configuration parameters, so no test touches system properties.
 */
final class JUnitRun implements TestExecutionListener {
    /** The configuration parameter that enables {@link Fixtures}' scenarios. */
    static final String FIXTURES = "mproc.test.fixtures";

    final List<TestIdentifier> tests = new ArrayList<>();
    final List<TestExecutionResult> results = new ArrayList<>();
    final List<String> tables = new ArrayList<>();

    static JUnitRun of(Class<?> testClass, Map<String, String> settings) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameters(settings)
                .configurationParameter(FIXTURES, "enabled")
                .build();
        Launcher launcher = LauncherFactory.create();
        JUnitRun run = new JUnitRun();
        TestPlan plan = launcher.discover(request);
        plan.getRoots().forEach(root -> plan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(run.tests::add));
        launcher.execute(request, run);
        return run;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            results.add(result);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Optional.ofNullable(entry.getKeyValuePairs().get(ScenarioRun.REPORT_KEY)).ifPresent(tables::add);
    }

    /** The one test's result: every graded scenario is one test. */
    TestExecutionResult only() {
        if (results.size() != 1) {
            throw new AssertionError("expected one test, got " + results.size() + ": " + tests);
        }
        return results.get(0);
    }

    /** The failure's message, or an error when the test did not fail. */
    String failure() {
        return only().getThrowable().orElseThrow(() -> new AssertionError("the test passed: " + tables)).getMessage();
    }

    String table() {
        if (tables.size() != 1) {
            throw new AssertionError("expected one table, got " + tables.size());
        }
        return tables.get(0);
    }
}
