package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GateReportTest {
    private static final Comparison SLOWER = new Comparison("a.B.slow{workers=2}", "ops/s", OptionalDouble.of(1000),
            OptionalDouble.of(700), OptionalDouble.of(0.3), OptionalDouble.of(0.00001), Verdict.REGRESSED, "worse, 10 vs 10 samples");
    private static final Comparison GONE = Comparison.missing("a.B.gone", "ms/op", 2.5);
    private static final GateReport REPORT = new GateReport(List.of(SLOWER, GONE), GateSettings.DEFAULTS);

    @Test
    void tableHasAHeaderAndOneAlignedLinePerKey() {
        List<String> table = REPORT.table();
        assertEquals(List.of(
                "benchmark               baseline      current    change         p  verdict             note",
                "a.B.slow{workers=2}         1000        700.0    +30.0%   <0.0001  REGRESSED           worse, 10 vs 10 samples",
                "a.B.gone                   2.500            -         -         -  MISSING_IN_CURRENT  not in the current run"),
                table);
    }

    @Test
    void regressedListsOnlyRegressions() {
        assertEquals(List.of(SLOWER), REPORT.regressed());
        assertTrue(REPORT.hasRegression());
        assertFalse(new GateReport(List.of(GONE), GateSettings.DEFAULTS).hasRegression());
    }

    @Test
    void summaryCountsEveryVerdict() {
        assertEquals("2 compared: 1 regressed, 0 improved, 0 unchanged, 1 missing, 0 new"
                + " (regression = Welch p < 0.01 and more than 10% worse)", REPORT.summary());
    }

    @Test
    void noNanCanEnterAComparisonOrSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison("k", "ops/s", OptionalDouble.of(Double.NaN),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Verdict.NEW, ""));
        assertThrows(IllegalArgumentException.class, () -> new GateSettings(Double.NaN, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new GateSettings(0.01, -0.1));
    }
}
