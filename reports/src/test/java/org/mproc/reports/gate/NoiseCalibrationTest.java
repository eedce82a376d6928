package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseCalibrationTest {

    @Test
    void spreadIsThePooledStandardDeviationOfLogScoresWithinEachSide() {
        double e = Math.E;
        // logs: ref {0, 2} about 1, head {1, 3} about 2: squares 1 + 1 + 1 + 1 = 4 over 2 degrees of freedom
        ForkSamples s = new ForkSamples("k", "us/op", new double[] {1, e * e}, new double[] {e, e * e * e});
        assertEquals(Math.sqrt(2), NoiseCalibration.pooledLogSd(s), 1e-12);
    }

    @Test
    void aShiftBetweenTheSidesIsNotSpread() {
        ForkSamples s = new ForkSamples("k", "us/op", new double[] {10, 10, 10}, new double[] {20, 20, 20});
        assertEquals(0, NoiseCalibration.pooledLogSd(s), 1e-12);
    }

    @Test
    void measuredSpreadComesCloseToTheNoiseOfOneFork() {
        SplittableRandom random = new SplittableRandom(11);
        ForkSamples s = AbJudgeTest.samples(random, "ops/s", 1000, 1000, 0.08, 200);
        double spread = NoiseCalibration.measure(List.of(s), Map.of()).spread().get(s.key());
        assertEquals(0.08, spread, 0.01);
    }

    @Test
    void thresholdIsTheFloorOrTheMultipleOfTheSpreadWhicheverIsLarger() {
        NoiseCalibration c = new NoiseCalibration(Map.of("quiet", 0.02, "noisy", 0.09), Map.of());
        assertEquals(0.10, c.threshold("quiet", 0.10, 2).fraction(), 1e-12);
        assertTrue(c.threshold("quiet", 0.10, 2).source().contains("A/A 2.0%"), c.threshold("quiet", 0.10, 2).source());
        assertEquals(0.18, c.threshold("noisy", 0.10, 2).fraction(), 1e-12);
        assertEquals(0.10, c.threshold("unknown", 0.10, 2).fraction(), 1e-12);
        assertTrue(c.threshold("unknown", 0.10, 2).source().contains("not calibrated"));
    }

    @Test
    void writtenCalibrationReadsBackWithItsProvenance(@TempDir Path dir) throws Exception {
        NoiseCalibration c = new NoiseCalibration(Map.of("a{workers=2}", 0.031, "b", 0.12),
                Map.of("commit", "abc1234", "machine", "2 cores"));
        Path file = dir.resolve("sub/calibration.json");
        c.write(file);
        assertEquals(c, NoiseCalibration.read(file));
    }

    @Test
    void aFileThatIsNotACalibrationIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"rows\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.read(file));
        assertTrue(e.getMessage().contains("x.json"), e.getMessage());
    }
}
