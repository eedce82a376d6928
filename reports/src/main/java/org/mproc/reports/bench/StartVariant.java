package org.mproc.reports.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of child JVM options that {@link ChildProcessStartBenchmark} compares, named as in its
 * {@code flags} parameter. Names joined with {@code +} combine, e.g. {@code archive+c1+noPerfData}.
 *
 * <pre>
 *   default     mproc's own defaults only (JvmCommand: -Xrs -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError, the default heap)
 *   c1          -XX:TieredStopAtLevel=1   C1 only: no C2 compiler thread, cheaper early compiles
 *   g1          -XX:-UseSerialGC -XX:+UseG1GC   on JDK 17 only G1 maps the CDS archive's heap objects
 *   noPerfData  -XX:-UsePerfData          no hsperfdata file created in /tmp and removed at exit
 *   appcds      a dynamic AppCDS archive written by a training child (-XX:ArchiveClassesAtExit, JDK 13+)
 *   aot         an AOT cache written by a training child (-XX:AOTCacheOutput, JEP 483 + 514, JDK 25+)
 *   archive     aot on JDK 25 and later, appcds before: the best archive the running JDK offers
 * </pre>
 *
 * Archives are used strictly ({@code -Xshare:on}, {@code -XX:AOTMode=on}): a child that cannot map
 * its archive fails instead of being measured silently without it.
 */
final class StartVariant {
    enum Archive { NONE, APPCDS, AOT }

    private final List<String> flags;
    private final Archive archive;

    private StartVariant(List<String> flags, Archive archive) {
        this.flags = List.copyOf(flags);
        this.archive = archive;
    }

    /** Parses a variant name for a JDK of the given feature release (the child runs the parent's JDK). */
    static StartVariant parse(String name, int jdkFeature) {
        List<String> flags = new ArrayList<>();
        Archive archive = Archive.NONE;
        for (String part : name.split("\\+")) {
            switch (part) {
                case "default":
                    break;
                case "c1":
                    flags.add("-XX:TieredStopAtLevel=1");
                    break;
                case "g1":
                    flags.add("-XX:-UseSerialGC");
                    flags.add("-XX:+UseG1GC");
                    break;
                case "noPerfData":
                    flags.add("-XX:-UsePerfData");
                    break;
                case "appcds":
                    archive = Archive.APPCDS;
                    break;
                case "aot":
                    if (jdkFeature < 25) {
                        throw new IllegalArgumentException("variant 'aot' needs JDK 25 or later (-XX:AOTCacheOutput);"
                                + " this is JDK " + jdkFeature + ": use 'archive', which is AppCDS here");
                    }
                    archive = Archive.AOT;
                    break;
                case "archive":
                    archive = jdkFeature >= 25 ? Archive.AOT : Archive.APPCDS;
                    break;
                default:
                    throw new IllegalArgumentException("unknown start variant '" + part + "' in '" + name
                            + "'; known: default, c1, g1, noPerfData, appcds, aot, archive");
            }
        }
        return new StartVariant(flags, archive);
    }

    Archive archive() {
        return archive;
    }

    /** Options of the one child that writes the archive at its exit; empty if the variant has none. */
    List<String> trainingOptions(Path file) {
        List<String> options = new ArrayList<>(flags);
        switch (archive) {
            case APPCDS:
                options.add("-XX:ArchiveClassesAtExit=" + file);
                break;
            case AOT:
                options.add("-XX:AOTCacheOutput=" + file);
                break;
            default:
                return List.of();
        }
        return options;
    }

    /** Options of every measured child. */
    List<String> options(Path file) {
        List<String> options = new ArrayList<>(flags);
        switch (archive) {
            case APPCDS:
                options.add("-XX:SharedArchiveFile=" + file);
                options.add("-Xshare:on");
                break;
            case AOT:
                options.add("-XX:AOTCache=" + file);
                options.add("-XX:AOTMode=on");
                break;
            default:
                break;
        }
        return options;
    }
}
