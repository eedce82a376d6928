package org.mproc.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mproc.harness.Grade;

/**
 * One row of a graded scenario's outcome table (G-HAR-1, G-HAR-8), written beside the scenario
 * like jcstress's {@code @Outcome}: the outcomes it matches — one exact {@link #key} or a
 * {@link #regex} that must match the whole key — their grade, and what they mean. Rows may not
 * overlap: a key matched by two rows is refused, naming both; a key no row matches is
 * UNDECLARED and fails the run.
 *
 * <pre>{@code
 * @Expect(key = "exact", grade = Grade.REQUIRED, desc = "every increment counted")
 * @Expect(regex = "lost \\d+", grade = Grade.INTERESTING, underStress = Grade.REQUIRED, desc = "a lost update")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Expect.Table.class)
public @interface Expect {
    /** @return the one outcome key this row grades; give this or {@link #regex}, not both */
    String key() default "";

    /** @return a pattern every key this row grades matches as a whole; give this or {@link #key}, not both */
    String regex() default "";

    /** @return the grade under the default profile, and under stress unless {@link #underStress} says otherwise */
    Grade grade();

    /** @return the grade under the stress profile, when it differs: at most one */
    Grade[] underStress() default {};

    /** @return what the outcome means, one line */
    String desc();

    /** The rows of one class, in the order written; Java collects repeated {@link Expect}s here. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Table {
        /** @return the rows */
        Expect[] value();
    }
}
