package org.mproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's layering, one way (docs/DESIGN.md): {@code internal.wire} ← {@code internal.spawn}
 * ← {@code internal.{pool,queue,manager,pipe,shm}} ← the API in {@code org.mproc}. Internals may use the
 * API's exception, function and interface types (the manager's proxies implement its interfaces);
 * the manager's server also hosts a public {@link ProcessQueue}, the one API class it builds on.
 */
class LayeringTest {
    private static final Path SOURCES = Paths.get("src/main/java/org/mproc");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.mproc\\.([\\w.]+);", Pattern.MULTILINE);

    /** What an internal package may import from the API package. */
    private static final Set<String> API_FOR_INTERNALS = Set.of("ProcessException", "TaskFailedException",
            "WorkerDiedException", "JvmShutdownException", "AuthenticationException", "RemoteTraceback", "ProcessTask", "ProcessFunction", "ProcessBiFunction",
            "ResultIterator", "Namespace", "SharedValue", "SharedList", "SharedMap", "SharedLock", "SharedEvent", "SharedSemaphore", "SharedBarrier", "SharedCondition");

    /** The internal packages each internal package may import, besides its own. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.of(
            "internal.wire", Set.of("internal.wire.codec"),
            "internal.wire.codec", Set.of("internal.wire"),
            "internal.spawn", Set.of("internal.wire", "internal.wire.codec"),
            "internal.pool", Set.of("internal.wire", "internal.wire.codec", "internal.spawn"),
            "internal.queue", Set.of("internal.wire", "internal.wire.codec", "internal.spawn"),
            "internal.manager", Set.of("internal.wire", "internal.wire.codec", "internal.spawn"),
            "internal.pipe", Set.of("internal.wire", "internal.wire.codec", "internal.spawn"),
            "internal.shm", Set.of("internal.spawn"));

    @Test
    void internalsDependOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path java : javaFiles()) {
            String pkg = packageOf(java);
            if (!pkg.startsWith("internal")) {
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(java));
            while (m.find()) {
                String imported = m.group(1);
                String target = imported.contains(".") ? packagePart(imported) : "";
                boolean allowed = target.isEmpty()
                        ? API_FOR_INTERNALS.contains(imported)
                                || (pkg.equals("internal.manager") && imported.equals("ProcessQueue"))
                        : target.equals(pkg) || MAY_IMPORT.get(pkg).contains(target);
                if (!allowed) {
                    violations.add(SOURCES.relativize(java) + " imports org.mproc." + imported);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theApiPackageHoldsOnlyPublicTypes() throws IOException {
        List<String> apiFiles = javaFiles().stream().filter(p -> packageOf(p).isEmpty())
                .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                .map(p -> p.getFileName().toString()).collect(Collectors.toList());
        assertTrue(apiFiles.size() >= 19, "the API package lists " + apiFiles);
        List<String> notPublic = new ArrayList<>();
        for (String file : apiFiles) {
            String text = Files.readString(SOURCES.resolve(file));
            String type = file.replace(".java", "");
            if (!Pattern.compile("^public (?:final |abstract )*(?:class|interface|record|enum) " + type + "\\b",
                    Pattern.MULTILINE).matcher(text).find()) {
                notPublic.add(type);
            }
        }
        assertEquals(List.of(), notPublic, "types in org.mproc that are not public");
    }

    /** The package below org.mproc ("" for the API, "internal.pool", …). */
    private static String packageOf(Path java) {
        Path dir = SOURCES.relativize(java).getParent();
        return dir == null ? "" : dir.toString().replace('/', '.');
    }

    /** "internal.pool.PoolEngine" → "internal.pool"; "internal.queue.QueueFrames.Reply" → "internal.queue". */
    private static String packagePart(String imported) {
        String[] parts = imported.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(part);
        }
        return pkg.toString();
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> all = Files.walk(SOURCES)) {
            return all.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
