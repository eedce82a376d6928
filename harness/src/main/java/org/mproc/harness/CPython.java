package org.mproc.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CPython interpreter the harness grades beside mproc (G-HAR-7): a name looked up on
 * {@code PATH} (by default {@code python3}, or {@code $MPROC_PYTHON}) or a path, and the version
 * it reports. When there is none, {@link #find} is empty and {@link #missing} says why, in the
 * words the console prints.
 *
 * <pre>{@code
 * Optional<CPython> python = CPython.find(CPython.configured());
 * python.map(CPython::version);   // "3.11.7"
 * }</pre>
 *
 * @param command the interpreter, as found: an absolute path
 * @param version what {@code --version} printed, without "Python "
 */
public record CPython(String command, String version) {
    /** The environment variable that names another interpreter than {@code python3}. */
    public static final String ENV = "MPROC_PYTHON";

    /** The interpreter to use: {@code $MPROC_PYTHON} when set, else {@code python3}. */
    public static String configured() {
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? "python3" : env.trim();
    }

    /** The interpreter {@code name} resolves to on {@code PATH} (or as a path), if it runs and says its version. */
    public static Optional<CPython> find(String name) {
        Optional<Path> path = resolve(name, System.getenv("PATH"));
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(path.get().toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0 || !out.startsWith("Python 3")) {
                return Optional.empty();
            }
            return Optional.of(new CPython(path.get().toString(), out.substring("Python ".length())));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The console's line when {@code name} gives no interpreter. */
    public static String missing(String name) {
        return "CPython: " + name + " not found, CPython columns skipped";
    }

    static Optional<Path> resolve(String name, String pathVariable) {
        if (name.contains(File.separator)) {
            Path p = Paths.get(name);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Paths.get(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
