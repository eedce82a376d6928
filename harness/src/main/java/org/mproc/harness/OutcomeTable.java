package org.mproc.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcomes a scenario declares, each with its grade (G-HAR-1). The first row that matches an
 * outcome grades it; an outcome no row matches is undeclared, and fails the run like a
 * {@link Grade#FORBIDDEN} one. A table built with {@link Builder#buildDisjoint()} has no first
 * match to rely on: its rows may not overlap (G-HAR-8), so every key is graded by one row or none.
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
    private final boolean disjoint;

    private OutcomeTable(List<OutcomeRow> rows, boolean disjoint) {
        this.rows = List.copyOf(rows);
        this.disjoint = disjoint;
    }

    /** @return an empty builder; rows are tried in the order they are added */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the rows, in the order they are tried */
    public List<OutcomeRow> rows() {
        return rows;
    }

    /**
     * The row that grades {@code outcome}, or empty when the outcome is undeclared.
     *
     * @throws IllegalStateException in a table built with {@link Builder#buildDisjoint()}, when two
     *         pattern rows both match the outcome (an overlap no check could see when it was built)
     */
    public Optional<OutcomeRow> rowFor(Outcome outcome) {
        OutcomeRow found = null;
        for (OutcomeRow row : rows) {
            if (row.matches(outcome)) {
                if (found == null && !disjoint) {
                    return Optional.of(row);
                }
                if (found != null) {
                    throw new IllegalStateException(Overlaps.message(found, row, "outcome '" + outcome.key() + "'"));
                }
                found = row;
            }
        }
        return Optional.ofNullable(found);
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

        /**
         * The table; the first row that matches a key grades it, so a catch-all row may come last.
         *
         * @throws IllegalStateException when no row was added
         */
        public OutcomeTable build() {
            requireRows();
            return new OutcomeTable(rows, false);
        }

        /**
         * The table, refusing overlapping rows (G-HAR-8): two exact rows for one key, an exact key
         * that a pattern row also matches, or two rows with the same pattern, named both in the
         * message. Whether two different patterns share a key cannot be decided here; a key that
         * matches two of them fails when it is graded, naming both rows.
         *
         * @throws IllegalStateException when no row was added or two rows overlap
         */
        public OutcomeTable buildDisjoint() {
            requireRows();
            Overlaps.refuse(rows);
            return new OutcomeTable(rows, true);
        }

        private void requireRows() {
            if (rows.isEmpty()) {
                throw new IllegalStateException("an outcome table needs at least one row");
            }
        }
    }
}
