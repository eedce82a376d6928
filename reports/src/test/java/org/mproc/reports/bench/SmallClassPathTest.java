package org.mproc.reports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.ChildProcess;

class SmallClassPathTest {
    @TempDir
    Path dir;

    @Test
    void keepsOnlyTheRuntimeAndTheNamedClasses() throws IOException {
        Path jar = SmallClassPath.write(dir.resolve("small.jar"), SmallClassPath.runtimeAnd(NoOpTask.class),
                ChildProcess.class, NoOpTask.class);
        List<String> names = entries(jar);
        assertTrue(names.contains("org/mproc/ChildProcess.class"));
        assertTrue(names.contains("org/mproc/internal/spawn/WorkerMain.class"));
        assertTrue(names.contains("org/mproc/reports/bench/NoOpTask.class"));
        assertEquals(List.of(), names.stream()
                .filter(n -> n.startsWith("org/mproc/reports/") && !n.equals("org/mproc/reports/bench/NoOpTask.class"))
                .collect(Collectors.toList()));
        assertEquals(List.of(), names.stream().filter(n -> !n.startsWith("org/mproc/")).collect(Collectors.toList()));
    }

    @Test
    void deleteRecursivelyRemovesTheTree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(root.resolve("f"), "x");
        SmallClassPath.deleteRecursively(dir.resolve("a"));
        assertFalse(Files.exists(dir.resolve("a")));
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return Collections.list(f.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
        }
    }
}
