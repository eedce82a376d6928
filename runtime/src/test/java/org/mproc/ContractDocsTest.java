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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract lives in the repository and stays true: docs/GUARANTEES.md lists exactly the
 * guarantee IDs that tests tag (in every module), and no document links outside the repository,
 * where a clone has nothing.
 */
class ContractDocsTest {
    private static final Pattern TAG = Pattern.compile("@Tag\\(\"(G-[A-Z]+-\\d+)\"\\)");
    private static final Pattern LISTED = Pattern.compile("^\\| (G-[A-Z]+-\\d+) \\|", Pattern.MULTILINE);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** Surefire runs in the module's directory; the repository is its parent. */
    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();

    @Test
    void guaranteesListExactlyTheIdsThatTestsTag() throws IOException {
        Set<String> listed = matches(LISTED, Files.readString(ROOT.resolve("docs/GUARANTEES.md")));
        Set<String> tagged = new TreeSet<>();
        for (Path java : files(".java")) {
            if (java.toString().contains("/src/test/")) {
                tagged.addAll(matches(TAG, Files.readString(java)));
            }
        }
        assertTrue(listed.size() >= 40, "docs/GUARANTEES.md lists only " + listed);
        assertEquals(new TreeSet<>(listed), tagged, "IDs in docs/GUARANTEES.md vs IDs tagged by tests");
    }

    @Test
    void noDocumentLinksOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path md : files(".md")) {
            Matcher m = LINK.matcher(Files.readString(md));
            while (m.find()) {
                String target = m.group(1).replaceAll("#.*", "");
                if (target.isEmpty() || target.matches("[a-z]+:.*")) {
                    continue; // an anchor in the same file, or a web address
                }
                Path resolved = md.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    outside.add(ROOT.relativize(md) + " → " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), outside, "links that leave the repository or lead nowhere");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<Path> files(String suffix) {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(p -> p.toString().endsWith(suffix))
                    .filter(p -> !ROOT.relativize(p).toString().matches("(\\.git|.*/target|target|node_modules)(/.*)?"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
