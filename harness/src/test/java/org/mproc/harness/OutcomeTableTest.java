package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("G-HAR-1")
class OutcomeTableTest {
    private final OutcomeTable table = OutcomeTable.builder()
            .exact("5", Grade.ACCEPTABLE, "all kept")
            .regex("[1-4]", Grade.INTERESTING, "lost update").underStress(Grade.REQUIRED)
            .regex("\\d+", Grade.FORBIDDEN, "impossible count")
            .build();

    @Test
    void theFirstMatchingRowGrades() {
        assertEquals("all kept", table.rowFor(Outcome.of("5")).orElseThrow().description());
        assertEquals("lost update", table.rowFor(Outcome.of("3")).orElseThrow().description());
        assertEquals(Grade.FORBIDDEN, table.rowFor(Outcome.of("6")).orElseThrow().grade());
    }

    @Test
    void aPatternMustMatchTheWholeKey() {
        assertEquals(Grade.FORBIDDEN, table.rowFor(Outcome.of("14")).orElseThrow().grade());
        assertTrue(table.rowFor(Outcome.of("3 and more")).isEmpty());
    }

    @Test
    void aRowMayBeStrongerUnderStressOnly() {
        OutcomeRow lost = table.rowFor(Outcome.of("2")).orElseThrow();
        assertEquals(Grade.INTERESTING, lost.gradeUnder(Profile.DEFAULT));
        assertEquals(Grade.REQUIRED, lost.gradeUnder(Profile.STRESS));
        assertEquals(Grade.ACCEPTABLE, table.rowFor(Outcome.of("5")).orElseThrow().gradeUnder(Profile.STRESS));
    }

    @Test
    void badTablesAreRejectedWhenBuilt() {
        assertThrows(IllegalStateException.class, () -> OutcomeTable.builder().build());
        assertThrows(IllegalStateException.class, () -> OutcomeTable.builder().underStress(Grade.REQUIRED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutcomeTable.builder().exact("two\nlines", Grade.ACCEPTABLE, "x"));
        assertTrue(e.getMessage().contains("one non-blank line"), e.getMessage());
        assertThrows(java.util.regex.PatternSyntaxException.class,
                () -> OutcomeTable.builder().regex("[1-", Grade.ACCEPTABLE, "x"));
    }

    @Test
    void aThrownExceptionBecomesAnOutcomeNamingItsClassAndFirstLine() {
        assertEquals("threw java.lang.IllegalStateException: first",
                Outcome.threw(new IllegalStateException("first\nsecond")).key());
        assertEquals("threw java.lang.RuntimeException", Outcome.threw(new RuntimeException()).key());
    }

    @Test
    @Tag("G-HAR-8")
    void aDisjointTableRefusesOverlappingRowsNamingBoth() {
        IllegalStateException sameKey = assertThrows(IllegalStateException.class, () -> OutcomeTable.builder()
                .exact("5", Grade.ACCEPTABLE, "all kept").exact("5", Grade.FORBIDDEN, "again").buildDisjoint());
        assertEquals("overlapping outcome rows: key '5' is matched by both 5 (ACCEPTABLE, \"all kept\") and"
                + " 5 (FORBIDDEN, \"again\"); each key must match one row at most, so drop one or narrow the pattern",
                sameKey.getMessage());
        IllegalStateException inPattern = assertThrows(IllegalStateException.class, () -> OutcomeTable.builder()
                .regex("\\d+", Grade.FORBIDDEN, "a count").exact("5", Grade.ACCEPTABLE, "all kept").buildDisjoint());
        assertTrue(inPattern.getMessage().startsWith("overlapping outcome rows: key '5' is matched by both /\\d+/"
                + " (FORBIDDEN, \"a count\") and 5 (ACCEPTABLE, \"all kept\")"), inPattern.getMessage());
        IllegalStateException samePattern = assertThrows(IllegalStateException.class, () -> OutcomeTable.builder()
                .regex("lost .*", Grade.FORBIDDEN, "a").regex("lost .*", Grade.INTERESTING, "b").buildDisjoint());
        assertTrue(samePattern.getMessage().startsWith("overlapping outcome rows: every key of /lost .*/ is matched by both"),
                samePattern.getMessage());
    }

    @Test
    @Tag("G-HAR-8")
    void aDisjointTableGradesLikeAnyOtherAndNamesTwoPatternsThatShareAKey() {
        OutcomeTable disjoint = OutcomeTable.builder()
                .exact("5", Grade.ACCEPTABLE, "all kept")
                .regex("lost [1-4]", Grade.FORBIDDEN, "lost some")
                .regex("lost \\d+ of .*", Grade.INTERESTING, "lost, counted")
                .buildDisjoint();
        assertEquals("all kept", disjoint.rowFor(Outcome.of("5")).orElseThrow().description());
        assertEquals("lost some", disjoint.rowFor(Outcome.of("lost 3")).orElseThrow().description());
        assertTrue(disjoint.rowFor(Outcome.of("6")).isEmpty());
        OutcomeTable sharing = OutcomeTable.builder()
                .regex("lost \\d+", Grade.FORBIDDEN, "a number").regex("lost .*", Grade.INTERESTING, "anything").buildDisjoint();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sharing.rowFor(Outcome.of("lost 3")));
        assertTrue(e.getMessage().startsWith("overlapping outcome rows: outcome 'lost 3' is matched by both /lost \\d+/"),
                e.getMessage());
    }

    @Test
    void anOrdinaryTableStillLetsTheFirstMatchingRowWin() {
        // the project's scenarios end their tables with a catch-all ".*" row; build() keeps that working
        assertEquals(Grade.ACCEPTABLE, table.rowFor(Outcome.of("5")).orElseThrow().grade());
    }
}
