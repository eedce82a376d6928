package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G-PROC-13: which launch trains an archive, which uses one, and when archives stay out of the
 * way: turned off, chosen by the caller, a class path with directories, no usable cache.
 */
@Tag("G-PROC-13")
class ChildArchivesTest {
    @TempDir
    Path dir;
    private String cp;

    @BeforeEach
    void pointTheCacheHere() throws IOException {
        System.setProperty(ArchiveCache.DIR_PROPERTY, dir.resolve("cache").toString());
        ChildArchives.reset();
        cp = ArchiveKeyTest.jar(dir.resolve("app.jar"), null).toString();
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(ArchiveCache.DIR_PROPERTY);
        System.clearProperty(ChildArchives.PROPERTY);
        ChildArchives.reset();
    }

    private static String optionStarting(List<String> command, String prefix) {
        for (String word : command) {
            if (word.startsWith(prefix)) {
                return word.substring(prefix.length());
            }
        }
        return null;
    }

    @Test
    void theFirstLaunchTrainsAndTheNextOnesWaitForIt() {
        List<String> command = ArchiveKeyTest.command(cp, "-Xrs");
        ChildArchives.Use first = ChildArchives.plan(command);
        assertNotNull(first.training());
        assertEquals(first.training().toString(), optionStarting(first.command(), "-XX:ArchiveClassesAtExit="));
        assertEquals(List.of("/jdk/bin/java", "-cp", cp, ChildArchives.QUIET), first.command().subList(0, 4),
                "right after the class path, so that the caller's options come later and win");
        ChildArchives.Use meanwhile = ChildArchives.plan(command);
        assertEquals(command, meanwhile.command(), "one trainer at a time");
        assertNull(meanwhile.training());
    }

    @Test
    void aTrainedArchiveIsUsedByTheNextLaunch() throws IOException {
        List<String> command = ArchiveKeyTest.command(cp, "-Xrs");
        ChildArchives.Use trainer = ChildArchives.plan(command);
        Files.write(trainer.training(), new byte[2048]); // what its JVM writes at exit
        trainer.settle(0);
        ChildArchives.Use next = ChildArchives.plan(command);
        String archive = optionStarting(next.command(), "-XX:SharedArchiveFile=");
        assertNotNull(archive, next.command().toString());
        assertTrue(next.command().contains("-Xshare:auto"), "a JVM that cannot map it runs without it");
        assertEquals(2048, new File(archive).length());
        assertNull(next.training());
    }

    @Test
    void aTrainerEndedBySignalLeavesNothingAndAnotherTrains() throws IOException {
        List<String> command = ArchiveKeyTest.command(cp);
        ChildArchives.Use trainer = ChildArchives.plan(command);
        Files.write(trainer.training(), new byte[100]); // half written when SIGKILL came
        trainer.settle(-9);
        assertFalse(Files.exists(trainer.training()));
        ChildArchives.Use again = ChildArchives.plan(command);
        assertNotNull(again.training(), "trains again");
        again.settle(0); // exited, but its JVM wrote nothing
        assertEquals(command, ChildArchives.plan(command).command(),
                "gives up after " + ChildArchives.TRAINING_ATTEMPTS + " trainers left nothing");
    }

    @Test
    void turnedOffThereAreNoArchiveOptions() {
        System.setProperty(ChildArchives.PROPERTY, "false");
        List<String> command = ArchiveKeyTest.command(cp);
        assertEquals(command, ChildArchives.plan(command).command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:ArchiveClassesAtExit=/x.jsa",
            "-XX:+AutoCreateSharedArchive", "-XX:AOTCache=/x.aot", "-XX:-UseSharedSpaces", "@argfile",
            "-XX:VMOptionsFile=/x"})
    void theCallersOwnSharingOptionsWin(String option) {
        List<String> command = ArchiveKeyTest.command(cp, "-Xrs", option);
        assertEquals(command, ChildArchives.plan(command).command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-javaagent:/agent.jar", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n",
            "-agentpath:/libagent.so", "-XX:-UseCompressedClassPointers", "--patch-module=java.base=/p",
            "--limit-modules=java.base", "--upgrade-module-path=/m", "-Djava.system.class.loader=Loader"})
    void optionsThatStopAJvmWritingAnArchiveMeanNoArchive(String option) {
        List<String> command = ArchiveKeyTest.command(cp, "-Xrs", option);
        assertEquals(command, ChildArchives.plan(command).command());
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchiveAndNoCacheIsMade() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> command = ArchiveKeyTest.command(cp + File.pathSeparator + classes);
        assertEquals(command, ChildArchives.plan(command).command());
        assertFalse(Files.exists(dir.resolve("cache")));
    }

    @Test
    void anUnusableCacheMeansNoArchive() throws IOException {
        Path file = Files.write(dir.resolve("file"), new byte[] {1});
        System.setProperty(ArchiveCache.DIR_PROPERTY, file.resolve("mproc").toString());
        ChildArchives.reset();
        List<String> command = ArchiveKeyTest.command(cp);
        assertEquals(command, ChildArchives.plan(command).command());
    }
}
