package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.ChildProcess;
import org.mproc.ProcessTask;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-13 with real children: a child on a class path of jars trains an archive, the next one
 * maps it, and a corrupt, truncated, stale or unusable cache, the opt-out and two parents creating
 * the same archive at once all leave children that start and say nothing about archives.
 */
@Tag("G-PROC-13")
class ChildArchiveLaunchTest {
    private static final String TRAINS = "ARG -XX:ArchiveClassesAtExit=";
    private static final String USES = "ARG -XX:SharedArchiveFile=";

    @TempDir
    static Path shared;
    private static Path jar;

    @TempDir
    Path dir;
    private Path cache;

    /** What the child runs: it shows the archive options it was started with. */
    public static final class ShowArchiveOptions implements ProcessTask {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            for (String arg : ProcessHandle.current().info().arguments().orElse(new String[0])) {
                if (arg.startsWith("-XX:") && arg.contains("Archive") || arg.startsWith("-Xshare")) {
                    System.out.println("ARG " + arg);
                }
            }
            System.out.println("RAN");
        }
    }

    /** A whole parent, for two at once: starts one child, prints what it printed and its exit code. */
    public static final class OneChildParent {
        public static void main(String[] args) throws InterruptedException {
            ChildProcess child = new ChildProcess("one", new ShowArchiveOptions());
            child.start();
            child.join();
            System.out.println("EXIT " + child.exitCode().getAsInt());
        }
    }

    /** mproc's classes and this test's children in one jar: a class path archives apply to. */
    @BeforeAll
    static void buildTheJar() throws Exception {
        jar = shared.resolve("app.jar");
        Path classes = Paths.get(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Paths.get(ChildArchiveLaunchTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            add(j, classes, classes);
            String self = ChildArchiveLaunchTest.class.getName().replace('.', '/');
            for (String name : List.of(self + "$ShowArchiveOptions.class", self + "$OneChildParent.class")) {
                j.putNextEntry(new JarEntry(name));
                j.write(Files.readAllBytes(testClasses.resolve(name)));
                j.closeEntry();
            }
        }
    }

    private static void add(JarOutputStream j, Path root, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            j.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            j.write(Files.readAllBytes(file));
            j.closeEntry();
        }
    }

    @BeforeEach
    void pointTheCacheHere() {
        cache = dir.resolve("cache");
        System.setProperty(ArchiveCache.DIR_PROPERTY, cache.toString());
        ChildArchives.reset();
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(ArchiveCache.DIR_PROPERTY);
        System.clearProperty(ChildArchives.PROPERTY);
        ChildArchives.reset();
    }

    /** Runs one child on the jar; returns what it printed, after checking it ran and exited 0. */
    private static List<String> runChild() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("archived").target(new ShowArchiveOptions())
                    .classPath(List.of(jar)).output(lines::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(0, p.exitCode().getAsInt(), lines.toString());
        }
        assertEquals("RAN", lines.get(lines.size() - 1), lines.toString());
        for (String line : lines) {
            assertTrue(line.equals("RAN") || line.startsWith("ARG "), "the JVM spoke up: " + lines);
        }
        return lines;
    }

    private static boolean has(List<String> lines, String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".jsa")).collect(java.util.stream.Collectors.toList());
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".tmp")).collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void theFirstChildTrainsAndTheNextMapsItsArchive() throws Exception {
        assertTrue(has(runChild(), TRAINS));
        List<Path> archives = archives();
        assertEquals(1, archives.size(), archives.toString());
        assertEquals(List.of(), temporaryFiles());
        List<String> next = runChild();
        assertTrue(next.contains(USES + archives.get(0)), next.toString());
        assertTrue(next.contains("ARG -Xshare:auto"), next.toString());
    }

    @Test
    void aCorruptArchiveIsRefusedQuietlyAndATruncatedOneIsNotOffered() throws Exception {
        runChild();
        Path archive = archives().get(0);
        byte[] garbage = new byte[(int) Files.size(archive)];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        Files.write(archive, garbage);
        assertTrue(has(runChild(), USES), "offered (its size is right), refused by the JVM, which starts without it");
        Files.write(archive, new byte[100]);
        assertTrue(has(runChild(), TRAINS), "truncated: deleted and trained again");
    }

    @Test
    void aChangedJarIsNeverMetWithTheOldArchive() throws Exception {
        runChild();
        Path old = archives().get(0);
        Path copy = dir.resolve("app.jar");
        Files.copy(jar, copy);
        assertTrue(copy.toFile().setLastModified(jar.toFile().lastModified() - 10_000));
        // A stale archive: the same class path, a jar changed since.
        Files.copy(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        List<String> lines = runChild();
        assertTrue(has(lines, TRAINS) && !lines.contains(USES + old), lines.toString());
    }

    @Test
    void anUnusableCacheOrTheOptOutLeavesTheChildAsItWas() throws Exception {
        Path file = Files.write(dir.resolve("file"), new byte[] {1});
        System.setProperty(ArchiveCache.DIR_PROPERTY, file.resolve("mproc").toString());
        ChildArchives.reset();
        assertEquals(List.of("RAN"), runChild(), "unusable cache");
        System.setProperty(ArchiveCache.DIR_PROPERTY, cache.toString());
        System.setProperty(ChildArchives.PROPERTY, "false");
        ChildArchives.reset();
        assertEquals(List.of("RAN"), runChild(), "turned off");
    }

    @Test
    void aChildWithADebuggerAgentStartsWithoutAnArchive() throws Exception {
        // JDK 17 and 25 refuse to start a JVM told to write an archive with a JVMTI agent.
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("debugged").target(new ShowArchiveOptions())
                    .classPath(List.of(jar)).output(lines::add)
                    .jvmOptions(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"))
                    .build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(0, p.exitCode().getAsInt(), lines.toString());
        }
        assertTrue(lines.contains("RAN") && !has(lines, "ARG "), lines.toString());
    }

    @Test
    void twoParentsCreatingTheSameArchiveAtOnceLeaveWholeArchivesOnly() throws Exception {
        List<Process> parents = new ArrayList<>();
        try {
            parents.add(startParent());
            parents.add(startParent());
            for (Process parent : parents) {
                // Usually both train; a parent that started late may already map the other's archive.
                String out = output(parent);
                assertTrue(out.contains(TRAINS) || out.contains(USES), out);
            }
            List<Path> archives = archives();
            assertTrue(!archives.isEmpty() && archives.size() <= 2, archives.toString());
            for (Path archive : archives) {
                String name = archive.getFileName().toString();
                assertEquals(name.substring(name.indexOf('-') + 1, name.length() - ".jsa".length()),
                        Long.toString(Files.size(archive)), "whole: " + name);
            }
            assertEquals(List.of(), temporaryFiles());
            Process third = startParent();
            parents.add(third);
            String out = output(third);
            assertTrue(archives.stream().anyMatch(a -> out.contains(USES + a)), "a later parent maps what they wrote: " + out);
        } finally {
            for (Process parent : parents) {
                parent.destroyForcibly();
                parent.waitFor();
            }
        }
    }

    private Process startParent() throws IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
                "-XX:+UseSerialGC", "-D" + ArchiveCache.DIR_PROPERTY + "=" + cache,
                "-Dmproc.childJvmOptions=-Xmx64m", "-cp", jar.toString(), OneChildParent.class.getName())
                .redirectErrorStream(true).start();
    }

    /** What a parent printed, once it has exited 0 after its child did, and said nothing else. */
    private static String output(Process parent) throws Exception {
        assertTrue(parent.waitFor(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS), "a parent hung");
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, parent.exitValue(), out);
        assertTrue(out.contains("EXIT 0"), out);
        for (String line : out.split("\n")) {
            assertTrue(line.startsWith("ARG ") || line.equals("RAN") || line.startsWith("EXIT "), "unexpected: " + out);
        }
        return out;
    }
}
