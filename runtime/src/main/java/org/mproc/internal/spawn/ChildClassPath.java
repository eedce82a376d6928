package org.mproc.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The class path a child JVM is started with: one that loads the classes it will be sent (G-PROC-9).
 * The parent's {@code java.class.path} is right only when the code was loaded by the application
 * class loader; under {@code mvn exec:java}, many servers and IDE runners it names the launcher's
 * own jar, and the code lives in a {@link URLClassLoader} of its own. So the path is read off the
 * class loaders that loaded the code: the system class path for the application loader, the
 * {@code file:} URLs for each {@code URLClassLoader} of a chain (parents first, as they delegate).
 * An explicit path (a builder's {@code classPath}, or {@code -Dmproc.classPath} for the whole tree)
 * replaces the search.
 *
 * <p>Whether a path loads a class is checked before anything is spawned, so a child never dies with
 * "Could not find or load main class": the class's code source must be one of the entries (a
 * manifest-only jar's {@code Class-Path}, as Surefire uses, counts), or its class file must be in one.
 */
public final class ChildClassPath {
    /** The tree-wide override: entries separated by {@link File#pathSeparator}. */
    public static final String PROPERTY = "mproc.classPath";

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    /** The system class path's entries with manifest class paths followed; it never changes. */
    private static volatile Set<Path> systemSearched;
    /** Paths already built, by value: reading jar manifests and remembered answers are paid once. */
    private static final Map<String, ChildClassPath> BUILT = new ConcurrentHashMap<>();

    private final String value;
    private final String origin;
    private final Set<Path> searched;
    private final Map<Class<?>, Boolean> loads = new ConcurrentHashMap<>();

    private ChildClassPath(List<String> entries, String origin) {
        this.value = String.join(File.pathSeparator, entries);
        this.origin = origin;
        this.searched = expand(entries);
    }

    /**
     * The class path for a child that must load {@code targets} (and mproc's own classes): the
     * explicit one when given, else {@code -Dmproc.classPath}, else the one read off the class
     * loaders of mproc, of this thread's context loader, of {@code caller} (the user's code that
     * starts the child; searched, not required) and of the targets.
     *
     * @param explicit a builder's class path, or null for none
     * @param what     what the child is, for messages ("ChildProcess A", "the pool")
     * @throws IllegalArgumentException if an explicit path is empty or names an entry that does not
     *                                  exist
     * @throws IllegalStateException    if the path cannot load mproc or one of {@code targets}
     */
    public static ChildClassPath resolve(List<Path> explicit, String what, Class<?> caller, Class<?>... targets) {
        ChildClassPath path;
        if (explicit != null) {
            path = of(checked(explicit, what + "'s classPath"), "the classPath given to " + what);
        } else if (System.getProperty(PROPERTY) != null) {
            path = of(checked(split(System.getProperty(PROPERTY)), "-D" + PROPERTY), "-D" + PROPERTY);
        } else {
            Set<String> entries = new LinkedHashSet<>();
            List<String> loaders = new ArrayList<>();
            addChain(ChildClassPath.class.getClassLoader(), entries, loaders);
            addChain(Thread.currentThread().getContextClassLoader(), entries, loaders);
            addChain(caller.getClassLoader(), entries, loaders);
            for (Class<?> target : targets) {
                addChain(target.getClassLoader(), entries, loaders);
            }
            path = of(new ArrayList<>(entries), "read off the class loaders " + loaders);
        }
        path.requireLoads(ChildClassPath.class, what);
        for (Class<?> target : targets) {
            path.requireLoads(target, what);
        }
        return path;
    }

    /** What {@code -cp} gets. */
    public String value() {
        return value;
    }

    /**
     * Throws unless a child on this path can load {@code type}; the answer is remembered per class.
     *
     * @throws IllegalStateException naming the class, where it was loaded from and the ways out
     */
    public void requireLoads(Class<?> type, String what) {
        if (!loads(type)) {
            throw new IllegalStateException(what + " cannot run " + type.getName() + " in a child JVM: the child's "
                    + "class path (" + origin + ") does not hold it; it was loaded " + whence(type) + ". Give the "
                    + "class path children need with ChildProcess.builder().classPath(…), Pool.builder()"
                    + ".classPath(…) or -D" + PROPERTY + "=<entries separated by '" + File.pathSeparator + "'>");
        }
    }

    private static ChildClassPath of(List<String> entries, String origin) {
        String key = origin + "\u0000" + String.join(File.pathSeparator, entries);
        ChildClassPath path = BUILT.get(key);
        if (path == null) {
            path = new ChildClassPath(entries, origin);
            BUILT.putIfAbsent(key, path);
        }
        return path;
    }

    /**
     * The first class on this thread's stack that is not mproc's: the user's code that creates a
     * pool or a manager, whose classes the children will be sent.
     */
    public static Class<?> caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(new FirstCaller());
    }

    /**
     * Walks the frames with an iterator and a named class: a stream pipeline of lambdas loaded ~10 ms
     * of classes into a cold parent before its first child.
     */
    private static final class FirstCaller implements Function<Stream<StackWalker.StackFrame>, Class<?>> {
        @Override
        public Class<?> apply(Stream<StackWalker.StackFrame> frames) {
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                Class<?> c = it.next().getDeclaringClass();
                if (!isMproc(c) && c.getClassLoader() != null && c.getClassLoader() != PLATFORM) {
                    return c;
                }
            }
            return ChildClassPath.class;
        }
    }

    private static boolean isMproc(Class<?> c) {
        String pkg = c.getPackageName();
        return pkg.equals("org.mproc") || pkg.startsWith("org.mproc.internal");
    }

    /** Adds the entries of {@code loader} and its parents, parents first, up to the JDK's own loaders. */
    private static void addChain(ClassLoader loader, Set<String> entries, List<String> loaders) {
        Deque<ClassLoader> chain = new ArrayDeque<>();
        for (ClassLoader l = loader; l != null && l != PLATFORM; l = l.getParent()) {
            chain.push(l);
        }
        for (ClassLoader l : chain) {
            String name = describe(l);
            if (!loaders.contains(name)) {
                loaders.add(name);
            }
            if (l == ClassLoader.getSystemClassLoader()) {
                entries.addAll(split(System.getProperty("java.class.path", "")));
            } else if (l instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) l).getURLs()) {
                    Path file = fileOf(url);
                    if (file != null && Files.exists(file)) {
                        entries.add(file.toString());
                    }
                }
            }
        }
    }

    /** Whether a child on this path can load {@code type}; the answer is remembered per class. */
    public boolean loads(Class<?> type) {
        return loads.computeIfAbsent(type, this::canLoad);
    }

    private boolean canLoad(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == PLATFORM) {
            return true; // the JDK's own: every JVM has it
        }
        Path source = codeSource(type);
        if (source != null && searched.contains(source)) {
            return true;
        }
        String resource = classFile(type);
        for (Path entry : searched) {
            if (holds(entry, resource)) {
                return true;
            }
        }
        return false;
    }

    private static Path codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : fileOf(source.getLocation());
    }

    /** The class file that holds {@code type}; for a lambda, its host's, which the child loads to spin it again. */
    private static String classFile(Class<?> type) {
        String name = type.getName();
        if (type.isHidden()) {
            int slash = name.indexOf('/');
            name = slash < 0 ? name : name.substring(0, slash);
            int lambda = name.indexOf("$$Lambda");
            name = lambda < 0 ? name : name.substring(0, lambda);
        }
        return name.replace('.', '/') + ".class";
    }

    private static boolean holds(Path entry, String resource) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(resource));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(resource) != null;
        } catch (IOException e) {
            return false; // not a jar: the child's JVM skips it too
        }
    }

    private static String whence(Class<?> type) {
        Path source = codeSource(type);
        return "by " + describe(type.getClassLoader()) + (source != null ? " from " + source
                : type.getProtectionDomain().getCodeSource() == null ? " from no file (defined in memory?)"
                : " from " + type.getProtectionDomain().getCodeSource().getLocation());
    }

    private static String describe(ClassLoader loader) {
        if (loader == ClassLoader.getSystemClassLoader()) {
            return "the application class loader";
        }
        String name = loader.getName();
        return loader.getClass().getName() + (name != null ? " '" + name + "'" : "");
    }

    private static List<String> checked(List<?> entries, String what) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: a child JVM needs at least mproc's own jar");
        }
        List<String> out = new ArrayList<>();
        for (Object entry : entries) {
            String text = entry.toString();
            // A trailing "*" is java's wildcard for every jar in a directory.
            Path path = Paths.get(text.endsWith("*") ? text.substring(0, text.length() - 1) + "." : text);
            if (text.isBlank() || !Files.exists(path)) {
                throw new IllegalArgumentException(what + " names " + (text.isBlank() ? "an empty entry"
                        : "'" + text + "', which does not exist"));
            }
            out.add(text);
        }
        return out;
    }

    private static List<String> split(String classPath) {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(entry);
            }
        }
        return out;
    }

    private static Path fileOf(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Paths.get(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) { // InvalidPathException included
            return null;
        }
    }

    /**
     * The entries of a {@code -cp} value as absolute paths, each jar's manifest {@code Class-Path}
     * followed and a wildcard's jars listed: what a child's JVM will read classes from.
     */
    static Set<Path> expandedEntries(String classPath) {
        return expand(split(classPath));
    }

    /** The entries as absolute paths, with each jar's manifest {@code Class-Path} followed. */
    private static Set<Path> expand(List<String> entries) {
        String system = System.getProperty("java.class.path", "");
        if (String.join(File.pathSeparator, entries).equals(system) && systemSearched != null) {
            return systemSearched;
        }
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry.endsWith("*")) {
                addWildcard(entry, out);
            } else {
                addWithManifest(Paths.get(entry).toAbsolutePath().normalize(), out);
            }
        }
        if (String.join(File.pathSeparator, entries).equals(system)) {
            systemSearched = out;
        }
        return out;
    }

    private static void addWildcard(String entry, Set<Path> out) {
        Path dir = Paths.get(entry.substring(0, entry.length() - 1)).toAbsolutePath().normalize();
        try (var jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            for (Path jar : jars) {
                addWithManifest(jar, out);
            }
        } catch (IOException e) {
            // An unreadable directory loads nothing, here as in the child.
        }
    }

    private static void addWithManifest(Path entry, Set<Path> out) {
        if (!out.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            URL base = entry.toUri().toURL();
            for (String relative : classPath.trim().split("\\s+")) {
                Path linked = relative.isEmpty() ? null : fileOf(new URL(base, relative));
                if (linked != null) {
                    addWithManifest(linked, out);
                }
            }
        } catch (IOException e) {
            // Not a jar, or an unreadable one: the child's JVM skips it too.
        }
    }
}
