package org.mproc.internal.spawn;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM: the parent's own {@code java} binary, the class path that loads
 * the child's code ({@link ChildClassPath}), mproc's
 * defaults, the tree-wide options of {@code -Dmproc.childJvmOptions}, then the caller's options
 * (later flags win), then the entry point ({@link WorkerMain}, or a pool worker's). No shell is
 * involved, so the pid is the JVM's. {@link Launch} adds a class-data archive's options
 * ({@link ChildArchives}) when one applies.
 */
public final class JvmCommand {
    /**
     * {@code -Xrs}: SIGTERM and SIGINT end the child at once, like CPython, without shutdown hooks.
     * SerialGC: small children start faster and use less memory than with G1.
     * ExitOnOutOfMemoryError: a child out of memory dies instead of limping on.
     * -UsePerfData: no /tmp/hsperfdata_<user>/<pid> file, which a child killed by a signal would
     * leave behind, and 2–4 ms less start-up (reports/README.md); the price is invisibility to jps.
     */
    static final List<String> DEFAULTS = List.of("-Xrs", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData");

    /** Extra options for every child in the tree (tests use it for {@code -Xmx64m}). */
    static final String TREE_OPTIONS_PROPERTY = "mproc.childJvmOptions";

    /**
     * Test-only: every pool task waits this many µs on the CPU before it runs ({@code PoolWorkerLoop}),
     * a known slowdown with which {@code scripts/gate} is shown to flag what it should.
     */
    public static final String TASK_DELAY_PROPERTY = "mproc.testing.taskDelayMicros";

    /**
     * Settings a child passes on to its own children when they are set: the archive cache's, and
     * the test-only task delay.
     */
    private static final List<String> TREE_PROPERTIES = List.of(ChildArchives.PROPERTY, ArchiveCache.DIR_PROPERTY,
            TASK_DELAY_PROPERTY);

    private JvmCommand() {}

    public static List<String> build(String classPath, List<String> jvmOptions, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(classPath);
        command.addAll(DEFAULTS);
        command.addAll(ChildHeap.unlessSet(jvmOptions));
        String treeOptions = System.getProperty(TREE_OPTIONS_PROPERTY, "").trim();
        if (!treeOptions.isEmpty()) {
            command.addAll(Arrays.asList(treeOptions.split("\\s+")));
            command.add("-D" + TREE_OPTIONS_PROPERTY + "=" + treeOptions);
        }
        for (String property : TREE_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(jvmOptions);
        command.add(main.getName());
        return command;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }
}
