package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcomes a scenario declares, each with its grade (G-HAR-1). The first row that matches an
 * outcome grades it; an outcome no row matches is undeclared, and fails the run like a
 * {@link Grade#FORBIDDEN} one.
 *
 * <pre>{@code
 * OutcomeTable table = OutcomeTable.builder()
 *         .exact("5", Grade.ACCEPTABLE, "no two read-then-write pairs overlapped")
 *         .regex("[1-4]", Grade.INTERESTING, "lost update").underStress(Grade.REQUIRED)
 *         .build();
 * }</pre>
 */
public final class OutcomeTable {
    private final List<OutcomeRow> rows;

    private OutcomeTable(List<OutcomeRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<OutcomeRow> rows() {
        return rows;
    }

    /** The row that grades {@code outcome}, or empty when the outcome is undeclared. */
    public Optional<OutcomeRow> rowFor(Outcome outcome) {
        for (OutcomeRow row : rows) {
            if (row.matches(outcome)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Collects rows in the order they are tried. */
    public static final class Builder {
        private final List<OutcomeRow> rows = new ArrayList<>();

        private Builder() {}

        /** A row for one exact key; its stress grade is the same unless {@link #underStress} says otherwise. */
        public Builder exact(String key, Grade grade, String description) {
            Outcome.of(key); // same rules as an observed key
            rows.add(new OutcomeRow(key, true, grade, grade, description));
            return this;
        }

        /** A row for every key the pattern matches as a whole. */
        public Builder regex(String pattern, Grade grade, String description) {
            rows.add(new OutcomeRow(pattern, false, grade, grade, description));
            return this;
        }

        /** Gives the row added last another grade under the stress profile. */
        public Builder underStress(Grade stressGrade) {
            if (rows.isEmpty()) {
                throw new IllegalStateException("underStress applies to the row added last; add a row first");
            }
            OutcomeRow last = rows.remove(rows.size() - 1);
            rows.add(new OutcomeRow(last.pattern(), last.exact(), last.grade(), stressGrade, last.description()));
            return this;
        }

        public OutcomeTable build() {
            if (rows.isEmpty()) {
                throw new IllegalStateException("an outcome table needs at least one row");
            }
            return new OutcomeTable(rows);
        }
    }
}
