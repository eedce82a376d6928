package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G-PROC-13: an archive's key names exactly the command line, the JVM and the jars it was made
 * for, so a changed jar or option never meets an archive made for another; there is no key for a
 * class path that holds directories.
 */
@Tag("G-PROC-13")
class ArchiveKeyTest {
    @TempDir
    Path dir;

    static List<String> command(String classPath, String... options) {
        List<String> command = new java.util.ArrayList<>(List.of("/jdk/bin/java", "-cp", classPath));
        command.addAll(List.of(options));
        command.add("org.mproc.internal.spawn.WorkerMain");
        return command;
    }

    static Path jar(Path file, String manifestClassPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestClassPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, manifestClassPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    @Test
    void theSameCommandAndJarsGiveTheSameKey() throws IOException {
        String cp = jar(dir.resolve("a.jar"), null) + File.pathSeparator + jar(dir.resolve("b.jar"), null);
        String key = ArchiveKey.of(command(cp, "-Xrs"), "", "");
        assertNotNull(key);
        assertEquals(16, key.length());
        assertEquals(key, ArchiveKey.of(command(cp, "-Xrs"), "", ""));
    }

    @Test
    void aChangedJarOptionEntryPointOrInheritedOptionGivesAnotherKey() throws IOException {
        Path a = jar(dir.resolve("a.jar"), null);
        String key = ArchiveKey.of(command(a.toString(), "-Xrs"), "", "");
        assertNotEquals(key, ArchiveKey.of(command(a.toString(), "-Xrs", "-Xmx64m"), "", ""), "an option");
        assertNotEquals(key, ArchiveKey.of(command(a.toString()), "", ""), "an option fewer");
        assertNotEquals(key, ArchiveKey.of(command(a.toString(), "-Xrs"), "-Xmx1g", ""), "JAVA_TOOL_OPTIONS");
        assertNotEquals(key, ArchiveKey.of(command(a.toString(), "-Xrs"), "", "-Xmx1g"), "JDK_JAVA_OPTIONS");
        List<String> otherMain = command(a.toString(), "-Xrs");
        otherMain.set(otherMain.size() - 1, "org.mproc.internal.pool.PoolWorkerMain");
        assertNotEquals(key, ArchiveKey.of(otherMain, "", ""), "the entry point");
        assertTrue(a.toFile().setLastModified(a.toFile().lastModified() - 10_000));
        assertNotEquals(key, ArchiveKey.of(command(a.toString(), "-Xrs"), "", ""), "the jar's time");
    }

    @Test
    void aJarLinkedFromAManifestCounts() throws IOException {
        Path linked = jar(dir.resolve("linked.jar"), null);
        Path booter = jar(dir.resolve("booter.jar"), "linked.jar");
        String key = ArchiveKey.of(command(booter.toString()), "", "");
        assertNotNull(key);
        assertTrue(linked.toFile().setLastModified(linked.toFile().lastModified() - 10_000));
        assertNotEquals(key, ArchiveKey.of(command(booter.toString()), "", ""));
    }

    @Test
    void aDirectoryOrAMissingEntryGivesNoKey() throws IOException {
        Path a = jar(dir.resolve("a.jar"), null);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertNull(ArchiveKey.of(command(a + File.pathSeparator + classes), "", ""), "a directory");
        assertNull(ArchiveKey.of(command(a + File.pathSeparator + dir.resolve("gone.jar")), "", ""), "missing");
        Path booter = jar(dir.resolve("booter.jar"), "classes/");
        assertNull(ArchiveKey.of(command(booter.toString()), "", ""), "a directory linked from a manifest");
        assertNull(ArchiveKey.of(List.of("/jdk/bin/java", "Main"), "", ""), "no -cp");
    }

    @Test
    void theHashIsSixteenHexDigitsAndTellsNearTextsApart() {
        assertEquals(16, ArchiveKey.hash("").length());
        assertTrue(ArchiveKey.hash("a").matches("[0-9a-f]{16}"));
        assertNotEquals(ArchiveKey.hash("ab"), ArchiveKey.hash("ba"));
        assertNotEquals(ArchiveKey.hash("a\u0100"), ArchiveKey.hash("a\u0001"));
    }
}
