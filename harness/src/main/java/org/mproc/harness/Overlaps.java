package org.mproc.harness;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The overlaps {@link OutcomeTable.Builder#buildDisjoint()} refuses (G-HAR-8). Two rows overlap
 * when one key could be graded by both; a disjoint table has no "first row wins" to settle it, so
 * the table is refused with both rows named. Exact keys and identical patterns are compared here;
 * two different patterns are only found to overlap by a key that matches both, when it is graded.
 */
final class Overlaps {
    private Overlaps() {}

    static void refuse(List<OutcomeRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                OutcomeRow a = rows.get(i);
                OutcomeRow b = rows.get(j);
                String shared = sharedKey(a, b);
                if (shared != null) {
                    throw new IllegalStateException(message(a, b, shared));
                }
            }
        }
    }

    /** What both rows match, described; null when neither is exact and the patterns differ. */
    private static String sharedKey(OutcomeRow a, OutcomeRow b) {
        if (a.exact() && b.exact()) {
            return a.pattern().equals(b.pattern()) ? "key '" + a.pattern() + "'" : null;
        }
        if (a.exact() || b.exact()) {
            OutcomeRow exact = a.exact() ? a : b;
            OutcomeRow regex = a.exact() ? b : a;
            return Pattern.matches(regex.pattern(), exact.pattern()) ? "key '" + exact.pattern() + "'" : null;
        }
        return a.pattern().equals(b.pattern()) ? "every key of /" + a.pattern() + "/" : null;
    }

    static String message(OutcomeRow first, OutcomeRow second, String what) {
        return "overlapping outcome rows: " + what + " is matched by both " + describe(first) + " and "
                + describe(second) + "; each key must match one row at most, so drop one or narrow the pattern";
    }

    private static String describe(OutcomeRow row) {
        return row.label() + " (" + row.grade() + ", \"" + row.description() + "\")";
    }
}
