package org.mproc.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import org.junit.jupiter.api.Test;

/** After k vain spins in a row, 2^k - 1 waits sleep at once (k at most 6); an answered spin starts over. */
class SpinRecordTest {
    /** How many waits in a row sleep at once before the record lets one spin again. */
    private static int sleepsBeforeNextSpin(SpinRecord record) {
        int sleeps = 0;
        while (!record.spinNow()) {
            sleeps++;
        }
        return sleeps;
    }

    @Test
    void vainSpinsInARowDoubleTheSleepsUpToACap() {
        qt().forAll(integers().between(1, 12)).checkAssert(vain -> {
            SpinRecord record = new SpinRecord();
            assertTrue(record.spinNow(), "a new record spins");
            int sleeps = -1;
            for (int k = 1; k <= vain; k++) {
                record.spunInVain();
                sleeps = sleepsBeforeNextSpin(record);
            }
            assertEquals((1 << Math.min(vain, 6)) - 1, sleeps);
        });
    }

    @Test
    void anAnsweredSpinStartsOver() {
        SpinRecord record = new SpinRecord();
        for (int k = 0; k < 5; k++) {
            record.spunInVain();
            sleepsBeforeNextSpin(record);
        }
        record.answered();
        record.spunInVain();
        assertEquals(1, sleepsBeforeNextSpin(record), "one vain spin after an answer sleeps once");
    }
}
