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
}
