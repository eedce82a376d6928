package org.mproc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the CPython runs' results go, beside mproc's {@code scenarios/<id>.json} (G-HAR-7):
 * {@code scenarios-cpython/<fork|spawn>/<id>.json}, each a {@link ResultJson} document with three
 * more fields, {@code "implementation": "CPython"}, {@code "pythonVersion"} and
 * {@code "startMethod"}; and {@code scenarios-cpython/status.json}, which says whether CPython ran
 * and, if not, why ({@code {"available": false, "reason": "python3 not found"}}).
 *
 * <pre>{@code
 * Path file = CPythonResults.write(result, python, "fork", out.resolve(CPythonResults.DIRECTORY));
 * }</pre>
 */
public final class CPythonResults {
    /** The directory under the run's output directory. */
    public static final String DIRECTORY = "scenarios-cpython";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CPythonResults() {}

    /** The result as JSON: {@link ResultJson#toJson} and the implementation's fields. */
    public static ObjectNode toJson(ScenarioResult r, CPython python, String startMethod) {
        ObjectNode root = ResultJson.toJson(r);
        root.put("implementation", "CPython");
        root.put("pythonVersion", python.version());
        root.put("startMethod", startMethod);
        return root;
    }

    /** Writes {@code <directory>/<startMethod>/<id>.json}; returns the file. */
    public static Path write(ScenarioResult r, CPython python, String startMethod, Path directory) throws IOException {
        Path dir = directory.resolve(startMethod);
        Files.createDirectories(dir);
        Path file = dir.resolve(r.id().toLowerCase(Locale.ROOT) + ".json");
        MAPPER.writeValue(file.toFile(), toJson(r, python, startMethod));
        return file;
    }

    /**
     * Starts a run's CPython results afresh: removes the JSON files a previous run left (only
     * {@code *.json} directly under {@code directory} and its start-method folders) and writes the
     * status: available with the version, or not with the reason.
     */
    public static void reset(Path directory, Optional<CPython> python, String reason) throws IOException {
        Files.createDirectories(directory);
        for (String method : CPythonRunner.START_METHODS) {
            Path dir = directory.resolve(method);
            if (Files.isDirectory(dir)) {
                try (var files = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path f : files) {
                        Files.delete(f);
                    }
                }
            }
        }
        ObjectNode status = MAPPER.createObjectNode();
        status.put("available", python.isPresent());
        status.put("pythonVersion", python.map(CPython::version).orElse(null));
        status.put("reason", python.isPresent() ? null : reason);
        MAPPER.writeValue(directory.resolve("status.json").toFile(), status);
    }

    /** Reads a result file, or empty when it does not exist. */
    public static Optional<JsonNode> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(MAPPER.readTree(file.toFile())) : Optional.empty();
    }
}
