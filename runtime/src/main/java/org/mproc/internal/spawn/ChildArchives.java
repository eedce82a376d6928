package org.mproc.internal.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-data archives for children, made and used without being asked (G-PROC-13): a child that
 * maps an archive of the classes such a child loaded before starts 15–30 ms sooner, because it
 * neither parses nor verifies them again.
 *
 * <p>The first child of a command line ({@link ArchiveKey}) that has no archive in the user's
 * {@link ArchiveCache} trains one: it runs with {@code -XX:ArchiveClassesAtExit=<temporary file>},
 * its JVM writes the classes it loaded when it exits, and once it has exited by itself (not by a
 * signal, which may cut the writing short) the file is renamed into place. Children started
 * meanwhile run as before; later ones run with {@code -XX:SharedArchiveFile=<archive>
 * -Xshare:auto}, with which a JVM that cannot use the archive runs without it. The same on every
 * JDK from 17 on: JDK 19's {@code -XX:+AutoCreateSharedArchive} would write the shared file in place,
 * from every child that exits while it is missing or stale (a pool's workers exit together).
 *
 * <p>Never for a class path that holds directories (no archive can hold their classes on JDK 17),
 * with {@code -Dmproc.childArchive=false}, when this JVM runs without the JDK's own CDS archive,
 * when the caller chose class data sharing or AOT options of their own ({@link #CALLERS_OWN}), or
 * with an option that stops a JVM writing an archive from starting ({@link #UNSUITED}), anywhere a
 * child would see them. Whatever goes
 * wrong with the cache, the child starts without an archive. {@value #QUIET} keeps the JVM from
 * telling the user's stdout why it skipped a class or refused an archive.
 *
 * <pre>{@code
 * ChildArchives.Use use = ChildArchives.plan(command);   // the command with archive options added
 * Process p = new ProcessBuilder(use.command()).start();
 * ...after it exited:  use.settle(exitCode);               // stores what a training child wrote
 * }</pre>
 */
final class ChildArchives {
    /** {@code false} turns archives off; pass it in {@code -Dmproc.childJvmOptions} too for grandchildren. */
    static final String PROPERTY = "mproc.childArchive";
    static final String QUIET = "-Xlog:cds*=off";
    /** Options with which the caller decides class data sharing or AOT caching, or hides options from us. */
    static final List<String> CALLERS_OWN = List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-XX:+AutoCreateSharedArchive", "-XX:-AutoCreateSharedArchive", "-XX:AOT", "-XX:SharedClassListFile",
            "-XX:DumpLoadedClassList", "-XX:+UseSharedSpaces", "-XX:-UseSharedSpaces", "-XX:+RecordDynamicDumpInfo",
            "-XX:Flags", "-XX:VMOptionsFile", "@");
    /**
     * Options with which a JVM told to write an archive does not start at all (JDK 17 and 25: "CDS
     * dumping does not support native JVMTI agent", "Cannot use the following option when dumping
     * the shared archive", "… unsupported when base CDS archive is not loaded"): a debugger's
     * {@code -agentlib:jdwp}, an APM agent in {@code JAVA_TOOL_OPTIONS}. Children with them get no
     * archive, neither written nor used.
     */
    static final List<String> UNSUITED = List.of("-javaagent", "-agentlib", "-agentpath",
            "-XX:-UseCompressedClassPointers", "--patch-module", "--limit-modules", "--upgrade-module-path",
            "-Djava.system.class.loader");
    /** A parent gives up training a key after this many children ended without leaving an archive. */
    static final int TRAINING_ATTEMPTS = 2;

    /**
     * Whether this JVM, whose binary the children run, mapped the JDK's own CDS archive: a dynamic
     * archive extends it, and JDK 17 refuses to start a child told to write one without it (a JDK
     * image without {@code classes.jsa}, a parent run with {@code -Xshare:off}).
     */
    private static final boolean BASE_ARCHIVE_MAPPED = System.getProperty("java.vm.info", "").contains("sharing");
    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static volatile ArchiveCache cache;
    private static volatile boolean cacheOpened;

    private ChildArchives() {}

    /** What one launch does about archives: its command line, and what to do once it has exited. */
    static final class Use {
        private final List<String> command;
        private final Entry entry;
        private final Path training;

        private Use(List<String> command, Entry entry, Path training) {
            this.command = command;
            this.entry = entry;
            this.training = training;
        }

        List<String> command() {
            return command;
        }

        /** The file a training child writes, or null. */
        Path training() {
            return training;
        }

        /**
         * Called once the child has exited with {@code exitCode} (−N for signal N). It throws
         * nothing: it runs on the watcher, which must complete the child's exit whatever happens
         * here (at this JVM's exit a launcher may have closed the class loader, G-PROC-11).
         */
        void settle(int exitCode) {
            if (training != null) {
                try {
                    entry.trained(training, exitCode >= 0);
                } catch (RuntimeException | LinkageError e) {
                    training.toFile().delete(); // no archive this time; the child's exit stands
                }
            }
        }
    }

    /**
     * The launch of {@code command} ({@code java -cp <path> <options…> <main>}, as {@link JvmCommand}
     * builds it): with an archive's options when one applies, else unchanged.
     */
    static Use plan(List<String> command) {
        String toolOptions = env("JAVA_TOOL_OPTIONS");
        String javaOptions = env("JDK_JAVA_OPTIONS");
        if ("false".equals(System.getProperty(PROPERTY)) || !BASE_ARCHIVE_MAPPED || ruledOut(command)
                || ruledOut(words(toolOptions)) || ruledOut(words(javaOptions))) {
            return new Use(command, null, null);
        }
        String key = ArchiveKey.of(command, toolOptions, javaOptions);
        ArchiveCache dir = key == null ? null : cache();
        if (dir == null) {
            return new Use(command, null, null);
        }
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            ENTRIES.putIfAbsent(key, new Entry(dir, key));
            entry = ENTRIES.get(key);
        }
        return entry.next(command);
    }

    /** Forgets the cache and every key: for tests that point {@code -Dmproc.childArchiveDir} elsewhere. */
    static synchronized void reset() {
        ENTRIES.clear();
        cache = null;
        cacheOpened = false;
    }

    private static synchronized ArchiveCache cache() {
        if (!cacheOpened) {
            cache = ArchiveCache.open();
            cacheOpened = true;
        }
        return cache;
    }

    /** What this parent knows of one key's archive. */
    private static final class Entry {
        private final ArchiveCache dir;
        private final String key;
        private Path archive; // guarded by this
        private boolean training; // guarded by this
        private int attempts; // guarded by this

        Entry(ArchiveCache dir, String key) {
            this.dir = dir;
            this.key = key;
        }

        synchronized Use next(List<String> command) {
            if (archive == null || !ArchiveCache.stillWhole(archive, key)) {
                archive = dir.find(key); // another parent may have stored it meanwhile
            }
            if (archive != null) {
                ArchiveCache.touch(archive);
                return new Use(with(command, "-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), this, null);
            }
            if (training || attempts >= TRAINING_ATTEMPTS || !dir.roomToWrite()) {
                return new Use(command, null, null);
            }
            training = true;
            attempts++;
            Path file = dir.temporary(key);
            return new Use(with(command, "-XX:ArchiveClassesAtExit=" + file), this, file);
        }

        synchronized void trained(Path file, boolean exitedByItself) {
            training = false;
            Path stored = exitedByItself ? dir.store(file, key) : null;
            if (stored != null) {
                archive = stored;
            } else {
                file.toFile().delete(); // cut short: it may be half written
            }
        }
    }

    /** The options go right after {@code -cp <path>}, so that the caller's own {@code -Xlog} still wins. */
    private static List<String> with(List<String> command, String... options) {
        int at = command.indexOf("-cp") + 2;
        List<String> out = new ArrayList<>(command.size() + options.length + 1);
        out.addAll(command.subList(0, at));
        out.add(QUIET);
        for (String option : options) {
            out.add(option);
        }
        out.addAll(command.subList(at, command.size()));
        return out;
    }

    /** Whether an option chooses sharing itself ({@link #CALLERS_OWN}) or rules archives out ({@link #UNSUITED}). */
    static boolean ruledOut(List<String> options) {
        for (String option : options) {
            if (startsWithAny(option, CALLERS_OWN) || startsWithAny(option, UNSUITED)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String option, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (option.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    private static List<String> words(String options) {
        List<String> words = new ArrayList<>();
        for (StringTokenizer t = new StringTokenizer(options); t.hasMoreTokens(); ) {
            words.add(t.nextToken());
        }
        return words;
    }
}
