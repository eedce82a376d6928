package org.mproc.reports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartVariantTest {
    private static final Path FILE = Path.of("/tmp/x");

    @Test
    void defaultAddsNothingAndNeedsNoTraining() {
        StartVariant v = StartVariant.parse("default", 17);
        assertEquals(List.of(), v.options(FILE));
        assertEquals(List.of(), v.trainingOptions(FILE));
        assertEquals(StartVariant.Archive.NONE, v.archive());
    }

    @Test
    void combinedFlagsKeepTheirOrderAndUseTheArchiveStrictly() {
        StartVariant v = StartVariant.parse("appcds+c1+noPerfData", 17);
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:SharedArchiveFile=/tmp/x", "-Xshare:on"),
                v.options(FILE));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:ArchiveClassesAtExit=/tmp/x"),
                v.trainingOptions(FILE));
    }

    @Test
    void archiveIsAppCdsBeforeJdk25AndAnAotCacheFrom25() {
        assertEquals(StartVariant.Archive.APPCDS, StartVariant.parse("archive", 17).archive());
        assertEquals(StartVariant.Archive.AOT, StartVariant.parse("archive", 25).archive());
        assertEquals(List.of("-XX:AOTCache=/tmp/x", "-XX:AOTMode=on"), StartVariant.parse("archive", 25).options(FILE));
        assertEquals(List.of("-XX:AOTCacheOutput=/tmp/x"), StartVariant.parse("aot", 25).trainingOptions(FILE));
    }

    @Test
    void aotBeforeJdk25IsRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StartVariant.parse("aot", 17));
        assertTrue(e.getMessage().contains("archive"), e.getMessage());
    }

    @Test
    void unknownPartIsRejectedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StartVariant.parse("c1+turbo", 17));
        assertTrue(e.getMessage().contains("turbo") && e.getMessage().contains("noPerfData"), e.getMessage());
    }
}
