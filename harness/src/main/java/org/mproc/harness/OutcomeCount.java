package org.mproc.harness;

import java.util.Optional;

/**
 * How often one outcome was observed in a run, and how it was graded.
 *
 * @param key         the outcome, or for a {@link Grade#REQUIRED} row never seen, the row's label
 * @param samples     how many trials observed it (0 for a required row never seen)
 * @param row         the row that grades it; empty when undeclared
 * @param grade       the grade applied under the run's profile; empty when undeclared
 */
public record OutcomeCount(String key, long samples, Optional<OutcomeRow> row, Optional<Grade> grade) {
    /** Whether this outcome fails the run: forbidden, undeclared, or required and never seen. */
    public boolean failing() {
        return grade.isEmpty() || grade.get() == Grade.FORBIDDEN || (grade.get() == Grade.REQUIRED && samples == 0);
    }

    /** The grade as shown in a table: {@code UNDECLARED} when no row matches. */
    public String expect() {
        return grade.map(Grade::name).orElse("UNDECLARED");
    }

    public String description() {
        return row.map(OutcomeRow::description).orElse("no row of the table declares this outcome");
    }
}
