package org.mproc.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessException;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Profile;

/**
 * The judges of scenarios 03f, 05d and 05f on hand-made observations: each wrong observation gets
 * an outcome its own table grades FORBIDDEN under both profiles, and only the right one the
 * REQUIRED row (G-HAR-1, G-HAR-4). The real runs are in {@code GradedScenariosTest}.
 */
class PrimitiveScenarioCheckersTest {

    private static void assertGraded(OutcomeTable table, Grade expected, Outcome outcome) {
        var row = table.rowFor(outcome);
        assertTrue(row.isPresent(), () -> "undeclared: " + outcome);
        for (Profile p : Profile.values()) {
            assertEquals(expected, row.get().gradeUnder(p), () -> outcome + " under " + p);
        }
    }

    @Test
    @Tag("G-MGR-10")
    @Tag("G-HAR-4")
    void aWordCountThatDiffersFromTheLocalCountIsForbiddenAndSaysHowManyWordsWereOff() {
        OutcomeTable table = new Scenario05dWordCount().outcomes();
        Map<String, Integer> local = Map.of("the", 5, "pool", 2, "pipe", 1);
        assertEquals(Scenario05dWordCount.EXACT, Scenario05dWordCount.judge(local, Map.of("the", 5, "pool", 2, "pipe", 1)).key());
        assertGraded(table, Grade.REQUIRED, Scenario05dWordCount.judge(local, local));

        Outcome lost = Scenario05dWordCount.judge(local, Map.of("the", 3, "pool", 2));
        assertEquals("2 of 3 words miscounted: 3 counts lost, 0 extra", lost.key());
        assertGraded(table, Grade.FORBIDDEN, lost);
        Outcome extra = Scenario05dWordCount.judge(local, Map.of("the", 6, "pool", 2, "pipe", 1, "lock", 1));
        assertEquals("2 of 4 words miscounted: 0 counts lost, 2 extra", extra.key());
        assertGraded(table, Grade.FORBIDDEN, extra);
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("child failed: counter exited with 1 (no output)"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("hang: counter still running at the trial's deadline"));
    }

    @Test
    @Tag("G-MGR-10")
    void theDrawnTextIsSharedOutWholeAndTheSameForTheSameSeed() {
        for (boolean stress : new boolean[] {false, true}) {
            List<String> text = Scenario05dWordCount.text(new SplittableRandom(7), stress);
            assertEquals(text, Scenario05dWordCount.text(new SplittableRandom(7), stress), "a replay draws the same text");
            assertTrue(stress ? text.size() >= 1200 : text.size() >= 100, "length " + text.size());
            List<List<String>> shares = Scenario05dWordCount.shares(text);
            assertEquals(Scenario05dWordCount.CHILDREN, shares.size());
            assertEquals(text, shares.stream().flatMap(List::stream).toList(), "the shares, in order, are the text");
        }
    }

    @Test
    @Tag("G-PIPE-4")
    @Tag("G-HAR-4")
    void aPipeThatLosesReordersDuplicatesOrEndsWithAnotherExceptionIsForbidden() {
        OutcomeTable table = new Scenario03fPipePeerKilled().outcomes();
        List<Integer> sent = List.of(10, 20, 30, 40);
        EOFException eof = new EOFException("the right end of pipe #1 is gone");
        Outcome ok = Scenario03fPipePeerKilled.judge(sent, sent, eof);
        assertEquals(Scenario03fPipePeerKilled.EOF, ok.key());
        assertGraded(table, Grade.REQUIRED, ok);

        Outcome lost = Scenario03fPipePeerKilled.judge(sent, List.of(10, 20, 40), eof);
        assertEquals("lost 1 of 4 values", lost.key());
        assertGraded(table, Grade.FORBIDDEN, lost);
        Outcome twice = Scenario03fPipePeerKilled.judge(sent, List.of(10, 20, 20, 30, 40), eof);
        assertEquals("received 1 value never sent (or twice)", twice.key());
        assertGraded(table, Grade.FORBIDDEN, twice);
        Outcome both = Scenario03fPipePeerKilled.judge(sent, List.of(10, 20, 20, 30), eof);
        assertEquals("lost 1 of 4 values; received 1 value never sent (or twice)", both.key());
        assertGraded(table, Grade.FORBIDDEN, both);
        Outcome reordered = Scenario03fPipePeerKilled.judge(sent, List.of(10, 30, 20, 40), eof);
        assertEquals(Scenario03fPipePeerKilled.OUT_OF_ORDER, reordered.key());
        assertGraded(table, Grade.FORBIDDEN, reordered);
        Outcome other = Scenario03fPipePeerKilled.judge(sent, sent, new ProcessException("the pipe's host is gone"));
        assertEquals("recv threw org.mproc.ProcessException instead of EOFException", other.key());
        assertGraded(table, Grade.FORBIDDEN, other);
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("hang: recv still waiting 8 s after the peer's death"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("hang: no outcome within 30s"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("child failed: the peer exited with 0, not -9 (SIGKILL)"));
    }

    @Test
    @Tag("G-MGR-13")
    @Tag("G-HAR-4")
    void aSurvivorThatPassesOrFailsAnotherWayIsForbidden() {
        OutcomeTable table = new Scenario05fBarrierPartyKilled().outcomes();
        Outcome ok = Scenario05fBarrierPartyKilled.judge(List.of("broken", "broken", "broken"));
        assertEquals(Scenario05fBarrierPartyKilled.BROKEN, ok.key());
        assertGraded(table, Grade.REQUIRED, ok);

        Outcome passed = Scenario05fBarrierPartyKilled.judge(List.of("broken", "passed"));
        assertEquals(Scenario05fBarrierPartyKilled.PASSED, passed.key());
        assertGraded(table, Grade.FORBIDDEN, passed);
        Outcome other = Scenario05fBarrierPartyKilled.judge(List.of("broken", "org.mproc.ProcessException"));
        assertEquals("a survivor got org.mproc.ProcessException instead of BrokenBarrierException", other.key());
        assertGraded(table, Grade.FORBIDDEN, other);
        Outcome victim = Scenario05fBarrierPartyKilled.judge(List.of("victim passed", "broken"));
        assertTrue(victim.key().startsWith("child failed: the killed party reported 'passed'"), victim.key());
        assertGraded(table, Grade.FORBIDDEN, victim);
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("the coordinator's late await passed a broken barrier"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("the coordinator's late await timed out instead of BrokenBarrierException"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("hang: nothing arrived before the trial's deadline"));
        assertGraded(table, Grade.FORBIDDEN, Outcome.of("hang: fewer than 3 parties waiting at the barrier by the trial's deadline"));
    }
}
