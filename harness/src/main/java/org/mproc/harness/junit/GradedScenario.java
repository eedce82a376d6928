package org.mproc.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class as one graded scenario (G-HAR-8): JUnit sees one test, which runs the class's
 * {@link GradedScenarioTest#runOnce trials} through the harness's runner within the budget — a
 * warm-up, then trials, a leak check after each — and grades every outcome against the class's
 * {@link Expect} rows.
 *
 * <pre>{@code
 * @GradedScenario(id = "counter", title = "four processes add 1 through the manager's updateAndGet")
 * @Expect(key = "exact", grade = Grade.REQUIRED, desc = "every increment counted")
 * @Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "an increment was overwritten")
 * class AtomicCounterScenarioTest implements GradedScenarioTest {
 *     public Outcome runOnce(TrialContext trial) throws Exception { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GradedScenario {
    /** @return short and stable, shown in the table: {@code "counter"} */
    String id();

    /** @return one line: what the scenario shows */
    String title();

    /** @return what the scenario mirrors or covers, shown beside the title; the class's simple name when empty */
    String section() default "";

    /**
     * @return how long one trial may take before it is interrupted and counted as a hang, as
     *         {@code -Dmproc.budget} is written: {@code 500ms}, {@code 30s}, {@code 2m}
     */
    String trialTimeout() default "60s";
}
