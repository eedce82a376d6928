package org.mproc.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.testkit.Delays;

/**
 * A program run as {@code mvn exec:java} runs it ({@link IsolatedLauncher}: its own class loader,
 * closed before the JVM exits; its own thread group, interrupted and destroyed when main ends).
 * Its children find their classes (G-PROC-9), and it exits cleanly however main ends: no mproc
 * thread lingers after the interrupt, no hook fails for want of a class, no directory is left
 * (G-PROC-11).
 */
class IsolatedLaunchTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"return", "throw", "exit", "leave-open", "only-open"})
    @Tag("G-PROC-9")
    @Tag("G-PROC-11")
    void aProgramInItsOwnClassLoaderRunsAndExitsCleanly(String ending) throws Exception {
        Path testClasses = Path.of(IsolatedLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String isolated = CompiledElsewhere.runtimeClasses() + File.pathSeparator + testClasses;
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                "-Dmproc.childJvmOptions=" + System.getProperty("mproc.childJvmOptions", "-Xmx64m"),
                "-cp", launcherOnly(testClasses).toString(), IsolatedLauncher.class.getName(), isolated,
                LaunchedProgram.class.getName(), ending));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS), "the program ended");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ending.equals("only-open")) {
                assertTrue(out.contains("open pool [2, 3]") && out.contains("open queue left")
                        && out.contains("open manager 7") && out.contains("OK"), out);
            } else {
                assertTrue(out.contains("map [1, 4, 9]") && out.contains("child hello 0") && out.contains("manager 42")
                        && out.contains("OK"), out);
            }
            if (!ending.equals("exit")) {
                assertTrue(out.contains("LAUNCHER DONE"), out);
                assertFalse(out.contains("LINGERING"), "an mproc thread ignored the interrupt:\n" + out);
                assertFalse(out.contains("GROUP NOT DESTROYED"), out);
            }
            assertFalse(out.contains("NoClassDefFoundError") || out.contains("Exception in thread"), out);
            assertFalse(out.contains("could not start") || out.contains("died"),
                    "a child or worker was started or lost while the program left:\n" + out);
            assertEquals(ending.equals("throw") ? 1 : 0, p.exitValue(), out);
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("mproc-")).toList(),
                        "a tree directory was left behind");
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /**
     * A class path holding only the launcher: copies of its class files, so that mproc and the
     * program are loaded by the launcher's own loader and not by the application loader.
     */
    private Path launcherOnly(Path testClasses) throws Exception {
        Path dir = tmp.resolve("launcher");
        String pkg = IsolatedLauncher.class.getPackageName().replace('.', '/');
        Files.createDirectories(dir.resolve(pkg));
        try (Stream<Path> files = Files.list(testClasses.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("IsolatedLauncher")).toList()) {
                Files.copy(f, dir.resolve(pkg).resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
