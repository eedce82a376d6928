package org.mproc.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.ProcessTask;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-9: a child's class path comes from where the code is. Each test loads its task or function
 * from a directory that is not on this JVM's class path, through a class loader of its own, as
 * {@code mvn exec:java} and servers do.
 */
@Tag("G-PROC-9")
class ChildClassPathTest {
    @TempDir
    Path dir;

    private URLClassLoader elsewhere() throws Exception {
        Path classes = null;
        for (String source : CompiledElsewhere.sources()) {
            String name = source.substring(source.indexOf("public class ") + 13, source.indexOf(" implements"));
            classes = CompiledElsewhere.compile(dir, name, source);
        }
        return CompiledElsewhere.loaderOver(classes);
    }

    @Test
    void aTargetLoadedByAUrlClassLoaderRunsInAChild() throws Exception {
        try (URLClassLoader loader = elsewhere(); Reaper reaper = new Reaper()) {
            ProcessTask task = (ProcessTask) loader.loadClass("elsewhere.PrintingTask").getDeclaredConstructor().newInstance();
            List<String> lines = new CopyOnWriteArrayList<>();
            ChildProcess p = reaper.start(ChildProcess.builder().name("elsewhere").target(task).output(lines::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(0, p.exitCode().getAsInt(), () -> lines + " " + p.failure());
            assertTrue(lines.contains("ran in " + p.pid()), lines::toString);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPoolCreatedUnderAContextClassLoaderRunsItsFunctions() throws Exception {
        try (URLClassLoader loader = elsewhere()) {
            ProcessFunction<Integer, Integer> square = (ProcessFunction<Integer, Integer>)
                    loader.loadClass("elsewhere.Squaring").getDeclaredConstructor().newInstance();
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try (Pool pool = Pool.builder().processes(1).build()) {
                assertEquals(List.of(1, 4, 9), pool.map(square, List.of(1, 2, 3)));
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFunctionTheWorkersCannotLoadFailsInTheCallerNamingItsClass() throws Exception {
        try (URLClassLoader loader = elsewhere(); Pool pool = Pool.builder().processes(1).build()) {
            ProcessFunction<Integer, Integer> square = (ProcessFunction<Integer, Integer>)
                    loader.loadClass("elsewhere.Squaring").getDeclaredConstructor().newInstance();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.map(square, List.of(1)));
            assertTrue(e.getMessage().contains("elsewhere.Squaring") && e.getMessage().contains("classPath"),
                    e.getMessage());
            assertEquals(List.of(4), pool.map(x -> x * x, List.of(2)), "the pool is still usable");
        }
    }

    @Test
    void anExplicitClassPathRunsWhatTheSearchWouldNotFind() throws Exception {
        try (URLClassLoader loader = elsewhere(); Reaper reaper = new Reaper()) {
            ProcessTask task = (ProcessTask) loader.loadClass("elsewhere.PrintingTask").getDeclaredConstructor().newInstance();
            List<String> lines = new CopyOnWriteArrayList<>();
            ChildProcess p = reaper.start(ChildProcess.builder().name("explicit").target(task).output(lines::add)
                    .classPath(List.of(CompiledElsewhere.runtimeClasses(), dir.resolve("classes"))).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(0, p.exitCode().getAsInt(), () -> lines + " " + p.failure());
        }
    }

    @Test
    void anExplicitClassPathWithoutTheTargetIsRefusedAtStart() throws Exception {
        try (URLClassLoader loader = elsewhere()) {
            ProcessTask task = (ProcessTask) loader.loadClass("elsewhere.PrintingTask").getDeclaredConstructor().newInstance();
            ChildProcess p = ChildProcess.builder().target(task).classPath(List.of(CompiledElsewhere.runtimeClasses())).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
            assertTrue(e.getMessage().contains("elsewhere.PrintingTask"), e.getMessage());
            assertFalse(p.isAlive());
            assertThrows(IllegalStateException.class, p::pid, "nothing was spawned");
        }
    }

    @Test
    void aTargetDefinedInMemoryIsRefusedAtStartWithTheWayOut() throws Exception {
        Path classes = CompiledElsewhere.compile(dir, "PrintingTask", CompiledElsewhere.printingTask());
        byte[] bytes = Files.readAllBytes(classes.resolve("elsewhere/PrintingTask.class"));
        ClassLoader inMemory = new ClassLoader("in-memory", ClassLoader.getSystemClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("elsewhere.PrintingTask")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        ProcessTask task = (ProcessTask) inMemory.loadClass("elsewhere.PrintingTask").getDeclaredConstructor().newInstance();
        ChildProcess p = ChildProcess.builder().target(task).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertTrue(e.getMessage().contains("elsewhere.PrintingTask"), e.getMessage());
        assertTrue(e.getMessage().contains("in-memory"), "names the loader: " + e.getMessage());
        assertTrue(e.getMessage().contains("-Dmproc.classPath"), "says the way out: " + e.getMessage());
        assertThrows(IllegalStateException.class, p::pid, "nothing was spawned");
    }

    @Test
    void aManifestOnlyJarsClassPathIsFollowedAsSurefiresBooterJarNeedsIt() throws Exception {
        Path classes = CompiledElsewhere.compile(dir, "PrintingTask", CompiledElsewhere.printingTask());
        Path booter = dir.resolve("booter.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH,
                CompiledElsewhere.runtimeClasses().toUri() + " " + classes.toUri());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(booter), manifest)) {
            out.flush(); // nothing but the manifest, like Surefire's booter jar
        }
        try (URLClassLoader loader = CompiledElsewhere.loaderOver(classes); Reaper reaper = new Reaper()) {
            ProcessTask task = (ProcessTask) loader.loadClass("elsewhere.PrintingTask").getDeclaredConstructor().newInstance();
            List<String> lines = new CopyOnWriteArrayList<>();
            ChildProcess p = reaper.start(ChildProcess.builder().name("via-manifest").target(task).output(lines::add)
                    .classPath(List.of(booter)).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(0, p.exitCode().getAsInt(), () -> lines + " " + p.failure());
            assertTrue(lines.contains("ran in " + p.pid()), lines::toString);
        }
    }

    @Test
    void anEntryThatDoesNotExistOrAnEmptyClassPathIsRefusedNamingIt() {
        Path missing = Path.of("/no/such/dir/lib.jar");
        ChildProcess p = ChildProcess.builder().target(() -> { }).classPath(List.of(missing)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        ChildProcess empty = ChildProcess.builder().target(() -> { }).classPath(List.of()).build();
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, empty::start);
        assertTrue(e2.getMessage().contains("empty"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> Pool.builder().processes(1).classPath(List.of(missing)).build());
        assertTrue(e3.getMessage().contains(missing.toString()), e3.getMessage());
    }
}
