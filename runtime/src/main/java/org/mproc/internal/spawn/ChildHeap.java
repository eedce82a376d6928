package org.mproc.internal.spawn;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.StringTokenizer;

/**
 * The max heap of a child JVM whose options do not choose one (G-PROC-12 of docs/GUARANTEES.md):
 * physical memory / (4 × available processors), kept within [512 MiB, 1 GiB] and never above the
 * JVM's own default of ¼ of physical memory.
 *
 * <p>Why not the JVM's default: it assumes one JVM per machine, so N children could claim N × ¼
 * of it, and a child that allocates without end grows for many seconds before it dies (13.8 s and
 * 6 GB of RSS on a 24 GB, 2-core machine). At 1 GiB it dies in about 0.9 s; at 512 MiB in 0.45 s.
 * The share divides memory among as many busy children as there are cores, with room for the rest
 * of the machine; the floor keeps ordinary tasks working on small or many-core machines.
 *
 * <p>It is added only when no option that will reach the child sets the max heap: the tree-wide
 * {@code -Dmproc.childJvmOptions}, the caller's {@code jvmOptions}, or the environment's
 * {@code JDK_JAVA_OPTIONS} and {@code JAVA_TOOL_OPTIONS}, which the child inherits and which an
 * {@code -Xmx} on the command line would silently override. It never falls below an initial heap
 * that one of them sets ({@code -Xms}), which the JVM would refuse to start with.
 *
 * <p>Physical memory is read from {@code /proc/meminfo} and the cgroup limit, not through
 * {@code java.lang.management}, whose classes cost a cold JVM about 35 ms against 0.3 ms for the
 * files (nor with regular expressions or lambdas, which cost milliseconds more in a cold child
 * that starts children of its own).
 */
final class ChildHeap {
    static final long MIB = 1L << 20;
    static final long FLOOR = 512 * MIB;
    static final long CEILING = 1024 * MIB;

    /** Options that fix the max heap, directly or as a share of RAM ({@code InitialRAMPercentage} does not). */
    private static final List<String> MAX_HEAP = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=",
            "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");
    /** Options that set a heap size the max must not fall below. */
    private static final List<String> MIN_HEAP = List.of("-Xms", "-XX:InitialHeapSize=", "-XX:MinHeapSize=");

    /** Where the memory this JVM may use is written: the machine's, and its cgroup's (v2, v1). */
    static final List<Path> MEMORY_FILES = List.of(Paths.get("/proc/meminfo"),
            Paths.get("/sys/fs/cgroup/memory.max"), Paths.get("/sys/fs/cgroup/memory/memory.limit_in_bytes"));

    private static final String MEM_TOTAL = "MemTotal:";

    /** Read once, when the first child of this JVM is started. */
    private static final long SHARE = share(physicalMemory(MEMORY_FILES), Runtime.getRuntime().availableProcessors());

    private ChildHeap() {}

    /**
     * The default for a child started with {@code jvmOptions}, as this JVM's tree options and
     * environment stand.
     *
     * @return {@code -Xmx<n>m}, or nothing when some option already sets the max heap
     */
    static List<String> unlessSet(List<String> jvmOptions) {
        List<String> options = new ArrayList<>();
        options.addAll(words(System.getenv("JAVA_TOOL_OPTIONS")));
        options.addAll(words(System.getenv("JDK_JAVA_OPTIONS")));
        options.addAll(words(System.getProperty(JvmCommand.TREE_OPTIONS_PROPERTY)));
        options.addAll(jvmOptions);
        return unlessSet(options, SHARE);
    }

    /** The default for a child whose options, from every source, are {@code options}. */
    static List<String> unlessSet(List<String> options, long share) {
        long floor = 0;
        for (String option : options) {
            for (String prefix : MAX_HEAP) {
                if (option.startsWith(prefix)) {
                    return List.of();
                }
            }
            for (String prefix : MIN_HEAP) {
                if (option.startsWith(prefix)) {
                    OptionalLong size = size(option.substring(prefix.length()));
                    if (size.isEmpty()) {
                        return List.of(); // the JVM says better than we could what is wrong with it
                    }
                    floor = Math.max(floor, size.getAsLong());
                }
            }
        }
        long heap = Math.max(share, floor);
        return List.of("-Xmx" + (heap + MIB - 1) / MIB + "m");
    }

    /** A child's share of {@code physical} bytes on {@code processors} cores; the floor when unknown. */
    static long share(OptionalLong physical, int processors) {
        if (physical.isEmpty()) {
            return FLOOR;
        }
        long share = physical.getAsLong() / (4L * Math.max(1, processors));
        long clamped = Math.min(CEILING, Math.max(FLOOR, share));
        return Math.min(clamped, physical.getAsLong() / 4);
    }

    /** The least of the limits the files give (meminfo's MemTotal, a cgroup's byte count), if any. */
    static OptionalLong physicalMemory(List<Path> files) {
        long least = Long.MAX_VALUE;
        for (Path file : files) {
            try (InputStream in = new FileInputStream(file.toFile())) {
                least = Math.min(least, limit(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
            } catch (IOException | RuntimeException unreadable) {
                // not Linux, or no cgroup of that version: the other files decide
            }
        }
        return least == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(least);
    }

    /**
     * The bytes a file states: meminfo's {@code MemTotal: <n> kB}, or a cgroup's bare number.
     * Anything else states no limit: cgroup v2's {@code max}, and v1's 19-digit "unlimited".
     * Parsed by hand: regular expressions would cost a cold JVM milliseconds at its first spawn.
     */
    static long limit(String text) {
        int at = ("\n" + text).indexOf("\n" + MEM_TOTAL); // where MEM_TOTAL starts a line of text
        if (at < 0) {
            return bytes(text.trim(), 0);
        }
        int end = text.indexOf('\n', at);
        String field = text.substring(at + MEM_TOTAL.length(), end < 0 ? text.length() : end).trim();
        return field.endsWith(" kB") ? bytes(field.substring(0, field.length() - 3).trim(), 10) : Long.MAX_VALUE;
    }

    /** {@code digits} × 2^{@code shift}, or {@link Long#MAX_VALUE} (no limit) when not a number that fits. */
    private static long bytes(String digits, int shift) {
        if (digits.isEmpty() || digits.length() > 18) {
            return Long.MAX_VALUE;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Long.MAX_VALUE;
            }
        }
        long value = Long.parseLong(digits);
        return value > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : value << shift;
    }

    /** A HotSpot size: digits, then an optional k, m, g or t in either case. */
    static OptionalLong size(String text) {
        char unit = text.isEmpty() ? '0' : Character.toLowerCase(text.charAt(text.length() - 1));
        int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : unit == 't' ? 40 : 0;
        long value = bytes(shift == 0 ? text : text.substring(0, text.length() - 1), shift);
        return value == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static List<String> words(String options) {
        List<String> words = new ArrayList<>();
        if (options != null) {
            for (StringTokenizer t = new StringTokenizer(options); t.hasMoreTokens(); ) {
                words.add(t.nextToken());
            }
        }
        return words;
    }
}
