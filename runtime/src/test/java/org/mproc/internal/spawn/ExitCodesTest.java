package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** G-PROC-1's mapping from what the OS reports to CPython's exit codes, over every exit value. */
@Tag("G-PROC-1")
class ExitCodesTest {

    @Test
    void anOrderlyExitIsReportedAsItsValueWhateverTheValue() {
        qt().forAll(integers().between(0, 255)).checkAssert(v -> assertEquals(v, ExitCodes.map(v, true)));
    }

    @Test
    void withoutAnOrderlyExitValuesAboveOneTwentyEightAreSignals() {
        qt().forAll(integers().between(129, 192)).checkAssert(v -> assertEquals(-(v - 128), ExitCodes.map(v, false)));
    }

    @Test
    void valuesUpToOneTwentyEightAreNeverSignals() {
        qt().forAll(integers().between(0, 128), booleans().all())
                .checkAssert((v, orderly) -> assertEquals(v, ExitCodes.map(v, orderly)));
    }

    @Test
    void descriptionsNameTheSignal() {
        assertEquals("killed by SIGKILL (-9)", ExitCodes.describe(OptionalInt.of(-9)));
        assertEquals("killed by SIGTERM (-15)", ExitCodes.describe(OptionalInt.of(-15)));
        assertEquals("exit code 3", ExitCodes.describe(OptionalInt.of(3)));
        assertEquals("no exit code", ExitCodes.describe(OptionalInt.empty()));
    }
}
