package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectionTest {
    @ParameterizedTest
    @ValueSource(strings = {"ops/s", "ops/ms", "ops/us", "ops/ns", "ops/min", "ops/hr", "ops/day", "ratio"})
    void ratesAndRatiosAreHigherIsBetter(String unit) {
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.ofUnit(unit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s/op", "ms/op", "us/op", "µs/op", "ns/op", "min/op"})
    void timesPerOpAreLowerIsBetter(String unit) {
        assertEquals(Direction.LOWER_IS_BETTER, Direction.ofUnit(unit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B/op", "#", "ops", "", "widgets/s"})
    void unknownUnitIsRefusedByName(String unit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Direction.ofUnit(unit));
        assertTrue(e.getMessage().contains("'" + unit + "'"), e.getMessage());
    }

    @Test
    void worseningIsPositiveForAThroughputDropAndATimeRise() {
        assertEquals(0.30, Direction.HIGHER_IS_BETTER.worsening(100, 70), 1e-12);
        assertEquals(0.30, Direction.LOWER_IS_BETTER.worsening(100, 130), 1e-12);
        assertEquals(-0.30, Direction.HIGHER_IS_BETTER.worsening(100, 130), 1e-12);
    }

    @Test
    void unitsConvertToOpsPerSecondAndRescaleWithinAKind() {
        assertEquals(500.0, Units.toOpsPerSecond(2.0, "ms/op"), 1e-9);
        assertEquals(3000.0, Units.toOpsPerSecond(3.0, "ops/ms"), 1e-9);
        assertEquals(1e6, Units.toOpsPerSecond(1.0, "us/op"), 1e-3);
        assertEquals(1500.0, Units.rescale(1.5, "ms/op", "us/op"), 1e-9);
        assertEquals(2.0, Units.rescale(2000.0, "ops/s", "ops/ms"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Units.rescale(1, "ops/s", "s/op"));
        assertTrue(Units.sameKind("ms/op", "ns/op"));
    }
}
