package org.mproc.reports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe shared with {@code scripts/cpython/shapes_pool.py}, pinned from both ends. */
class WordCorpusTest {
    @Test
    void vocabularyIsFiftyThousandDistinctWordsOfFourOrFiveLetters() {
        String[] words = WordCorpus.vocabulary();
        assertEquals(WordCorpus.VOCABULARY, new HashSet<>(List.of(words)).size());
        assertEquals("baaa", words[0]);
        assertEquals("blsp", words[1]);
        assertEquals("ccnwi", words[49_999]);
        for (String w : words) {
            assertTrue(w.length() == 4 || w.length() == 5, w);
        }
    }

    @Test
    void writtenCorpusHasTheSharedDigestAndCountsUp(@TempDir Path dir) throws IOException {
        WordCorpus corpus = WordCorpus.write(dir);
        assertEquals(WordCorpus.FILES, corpus.paths().size());
        assertEquals(WordCorpus.VOCABULARY, corpus.distinctWords());
        assertTrue(Files.readString(Path.of(corpus.paths().get(0))).startsWith("spzj bkwud bpwzw bbkaz"));

        Map<String, Integer> first = ShapesTasks.countWords(corpus.paths().get(0));
        assertEquals(15_141, first.size());
        assertEquals(WordCorpus.WORDS_PER_FILE, first.values().stream().mapToInt(Integer::intValue).sum());

        Map<String, Integer> total = new HashMap<>();
        for (String path : corpus.paths()) {
            ShapesTasks.mergeInto(total, ShapesTasks.countWords(path));
        }
        corpus.check(total);
        total.merge("baaa", 1, Integer::sum);
        assertThrows(IllegalStateException.class, () -> corpus.check(total));

        corpus.delete();
        assertTrue(Files.notExists(dir));
    }
}
