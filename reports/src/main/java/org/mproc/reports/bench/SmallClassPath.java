package org.mproc.reports.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a small jar next to the benchmark's big one, so a child can be started with a class path
 * of a few dozen classes instead of the whole {@code benchmarks.jar}. It copies, from wherever the
 * given classes were loaded (a jar or a directory), the entries the filter keeps. A jar, not a
 * directory: class-data sharing archives only classes that come from jars.
 */
final class SmallClassPath {
    private SmallClassPath() {}

    /** Writes {@code jar} from the code sources of {@code anchors}, keeping entries that {@code keep} accepts. */
    static Path write(Path jar, Predicate<String> keep, Class<?>... anchors) throws IOException {
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> anchor : anchors) {
                Path source = codeSource(anchor);
                if (Files.isDirectory(source)) {
                    copyDirectory(source, keep, out, written);
                } else {
                    copyJar(source, keep, out, written);
                }
            }
        }
        if (written.isEmpty()) {
            throw new IllegalStateException("no class was copied into " + jar);
        }
        return jar;
    }

    /** Everything of the runtime ({@code org.mproc} but not the reports module) plus the given classes. */
    static Predicate<String> runtimeAnd(Class<?>... extras) {
        return name -> {
            if (!name.endsWith(".class")) {
                return false;
            }
            for (Class<?> extra : extras) {
                if (name.equals(extra.getName().replace('.', '/') + ".class")) {
                    return true;
                }
            }
            return name.startsWith("org/mproc/") && !name.startsWith("org/mproc/reports/");
        };
    }

    private static Path codeSource(Class<?> anchor) {
        try {
            return Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + anchor.getName(), e);
        }
    }

    private static void copyJar(Path source, Predicate<String> keep, JarOutputStream out, Set<String> written)
            throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && keep.test(entry.getName()) && written.add(entry.getName())) {
                    try (InputStream bytes = in.getInputStream(entry)) {
                        put(out, entry.getName(), bytes);
                    }
                }
            }
        }
    }

    private static void copyDirectory(Path root, Predicate<String> keep, JarOutputStream out, Set<String> written)
            throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (keep.test(name) && written.add(name)) {
                    try (InputStream bytes = Files.newInputStream(file)) {
                        put(out, name, bytes);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void put(JarOutputStream out, String name, InputStream bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        bytes.transferTo(out);
        out.closeEntry();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory; the OS cleans up what we could not.
        }
    }
}
