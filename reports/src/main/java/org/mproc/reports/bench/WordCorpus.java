package org.mproc.reports.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The word-count shape's input: 200 text files of 18,000 words each (about 15,100 distinct words
 * per file, 50,000 in all), byte for byte the files {@code scripts/cpython/shapes_pool.py} writes,
 * so both sides count the same text. Generated rather than shipped: 20 MB is not worth a
 * repository, and a fixed recipe both languages can follow is easier to trust than a copy.
 *
 * <p>The recipe, which the Python side follows line by line: word {@code i} of the vocabulary is
 * {@code i · 7919 mod 1,000,003 + 26³} written in base 26 with the letters a–z, most significant
 * first (4 or 5 letters; a bijection, so the 50,000 words are distinct). File {@code f} starts a
 * 64-bit LCG (Knuth's MMIX constants, as the medium grain of {@link ScalingTasks}) at {@code f};
 * each word steps it and takes vocabulary entry {@code (x >>> 33) mod 50,000}. Words are separated
 * by a space, every 12th by a newline. {@link #SHA256} is the digest of all files in order; each
 * side checks it after writing, so a drift in either recipe fails the run instead of comparing
 * different texts.
 *
 * <pre>{@code
 * WordCorpus corpus = WordCorpus.write(Files.createTempDirectory("words"));
 * corpus.paths();          // 200 absolute paths, file-000.txt … file-199.txt
 * corpus.delete();
 * }</pre>
 */
final class WordCorpus {
    static final int FILES = 200;
    static final int WORDS_PER_FILE = 18_000;
    static final int VOCABULARY = 50_000;
    static final int WORDS_PER_LINE = 12;
    /** Every word of every file, counted once per occurrence: what a merged count must add up to. */
    static final long TOTAL_WORDS = (long) FILES * WORDS_PER_FILE;
    /** Of all files in order, when the recipe was fixed; {@code shapes_pool.py} holds the same constant. */
    static final String SHA256 = "161996a2ed421d44ddc282d76b7c8f0be334b285ffad16f9b9cd5675e161fff5";

    private final Path dir;
    private final List<String> paths;
    private final int distinctWords;

    private WordCorpus(Path dir, List<String> paths, int distinctWords) {
        this.dir = dir;
        this.paths = paths;
        this.distinctWords = distinctWords;
    }

    /**
     * Writes the files into {@code dir} (which must exist) and checks their digest.
     *
     * @throws IllegalStateException if the digest is not {@link #SHA256}: the recipe changed
     */
    static WordCorpus write(Path dir) {
        String[] vocabulary = vocabulary();
        BitSet used = new BitSet(VOCABULARY);
        List<String> paths = new ArrayList<>(FILES);
        MessageDigest digest = sha256();
        for (int f = 0; f < FILES; f++) {
            byte[] text = text(f, vocabulary, used).getBytes(StandardCharsets.US_ASCII);
            digest.update(text);
            Path file = dir.resolve(String.format("file-%03d.txt", f));
            try {
                Files.write(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            paths.add(file.toAbsolutePath().toString());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(SHA256)) {
            throw new IllegalStateException("the word corpus has SHA-256 " + actual + ", not " + SHA256
                    + ": the recipe no longer matches scripts/cpython/shapes_pool.py");
        }
        return new WordCorpus(dir, List.copyOf(paths), used.cardinality());
    }

    /** The text of file {@code f}; marks the vocabulary entries it uses in {@code used}. */
    static String text(int f, String[] vocabulary, BitSet used) {
        StringBuilder text = new StringBuilder(WORDS_PER_FILE * 6);
        long x = f;
        for (int w = 0; w < WORDS_PER_FILE; w++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int index = (int) ((x >>> 33) % VOCABULARY);
            used.set(index);
            text.append(vocabulary[index]).append(w % WORDS_PER_LINE == WORDS_PER_LINE - 1 ? '\n' : ' ');
        }
        return text.toString();
    }

    static String[] vocabulary() {
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            words[i] = spell((long) i * 7_919 % 1_000_003 + 26 * 26 * 26);
        }
        return words;
    }

    /** {@code n} in base 26, a–z, most significant letter first. */
    static String spell(long n) {
        StringBuilder letters = new StringBuilder(6);
        for (long rest = n; rest > 0; rest /= 26) {
            letters.append((char) ('a' + rest % 26));
        }
        return letters.reverse().toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    List<String> paths() {
        return paths;
    }

    /** Distinct words over all files: the size a merged count must have. */
    int distinctWords() {
        return distinctWords;
    }

    /**
     * Throws unless {@code merged} counts the whole corpus: every occurrence once, every distinct
     * word present.
     */
    void check(Map<String, Integer> merged) {
        long words = 0;
        for (int count : merged.values()) {
            words += count;
        }
        if (words != TOTAL_WORDS || merged.size() != distinctWords) {
            throw new IllegalStateException("merged count has " + words + " words, " + merged.size()
                    + " distinct; the corpus has " + TOTAL_WORDS + ", " + distinctWords);
        }
    }

    /** Deletes the files and the directory. */
    void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
