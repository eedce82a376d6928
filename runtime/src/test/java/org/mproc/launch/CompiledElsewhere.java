package org.mproc.launch;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.mproc.ChildProcess;

/**
 * Classes that only a class loader of the test's own making can load, as under {@code mvn exec:java}
 * or in a server: compiled at test time into a directory that is not on the class path.
 */
final class CompiledElsewhere {
    private CompiledElsewhere() {}

    /** Compiles {@code source} (a public class {@code name} in package {@code elsewhere}) into {@code dir}. */
    static Path compile(Path dir, String name, String source) throws IOException {
        Path src = dir.resolve("src/elsewhere/" + name + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String mproc = runtimeClasses().toString();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", mproc, "--release", "17", src.toString());
        if (rc != 0) {
            throw new IOException("javac failed on " + src);
        }
        return classes;
    }

    /** Where mproc's own classes are: target/classes of the runtime module, or its jar. */
    static Path runtimeClasses() {
        try {
            return Path.of(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loader over {@code classes} whose parent is the application loader, as exec:java's is. */
    static URLClassLoader loaderOver(Path classes) throws IOException {
        return new URLClassLoader("elsewhere", new URL[] {classes.toUri().toURL()},
                ClassLoader.getSystemClassLoader());
    }

    /** A task class that prints where it ran. */
    static String printingTask() {
        return "package elsewhere;\n"
                + "public class PrintingTask implements org.mproc.ProcessTask {\n"
                + "    public void run() { System.out.println(\"ran in \" + ProcessHandle.current().pid()); }\n"
                + "}\n";
    }

    /** A pool function class that squares. */
    static String squaring() {
        return "package elsewhere;\n"
                + "public class Squaring implements org.mproc.ProcessFunction<Integer, Integer> {\n"
                + "    public Integer apply(Integer x) { return x * x; }\n"
                + "}\n";
    }

    static List<String> sources() {
        return List.of(printingTask(), squaring());
    }
}
