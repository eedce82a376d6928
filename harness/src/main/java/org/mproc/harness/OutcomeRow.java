package org.mproc.harness;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of an {@link OutcomeTable}: which outcomes it matches (one exact key, or a pattern that
 * must match the whole key), their grade, the grade under the stress profile, and what they mean.
 *
 * @param pattern      the key itself for an exact row, else the regular expression
 * @param exact        whether {@code pattern} is a literal key
 * @param grade        the grade under {@link Profile#DEFAULT}
 * @param stressGrade  the grade under {@link Profile#STRESS}
 * @param description  what the outcome means, one line
 */
public record OutcomeRow(String pattern, boolean exact, Grade grade, Grade stressGrade, String description) {
    public OutcomeRow {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(stressGrade, "stressGrade");
        Objects.requireNonNull(description, "description");
        if (!exact) {
            Pattern.compile(pattern); // fails here, naming the pattern, rather than at the first trial
        }
    }

    public boolean matches(Outcome outcome) {
        return exact ? pattern.equals(outcome.key()) : Pattern.matches(pattern, outcome.key());
    }

    public Grade gradeUnder(Profile profile) {
        return profile == Profile.STRESS ? stressGrade : grade;
    }

    /** How the row is shown in a table: the key, or the pattern between slashes. */
    public String label() {
        return exact ? pattern : "/" + pattern + "/";
    }
}
