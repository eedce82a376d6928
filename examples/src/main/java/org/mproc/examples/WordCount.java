package org.mproc.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.mproc.Pool;
import org.mproc.ResultIterator;

/**
 * A parallel map over files: the word count of every file in a directory, one file per task on a
 * pool of two worker JVMs — Python's {@code Pool.imap} over a list of file names.
 *
 * <p>The program writes 40 text files of different lengths, then counts them with
 * {@link Pool#imap}, which hands each result back as soon as it is ready and in input order. It
 * prints how long the first result took from the start of {@code main} (mostly the two workers
 * starting up), then the totals, and checks every count against what it wrote.
 *
 * <p>Only the file's name travels to the worker and only the count travels back: the worker reads
 * the file itself. The task is a method reference to a static method, the usual shape of a task,
 * because whatever a task captures must be serializable.
 *
 * <pre>java -jar examples/target/mproc-examples.jar word-count</pre>
 */
public final class WordCount {
    static final String NAME = "word-count";

    private static final int FILES = 40;
    private static final String[] WORDS = {"process", "queue", "pool", "worker", "lock", "value",
        "child", "parent", "result", "task"};

    private WordCount() {}

    public static void main(String[] args) throws IOException {
        run();
    }

    /** The program; throws instead of exiting, so that a test can call it. */
    static void run() throws IOException {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("word-count-");
        try {
            List<String> files = new ArrayList<>();
            List<Integer> written = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                int words = 2_000 + 50 * i;
                files.add(writeText(dir.resolve(String.format("file-%02d.txt", i)), words, i).toString());
                written.add(words);
            }

            long total = 0;
            try (Pool pool = new Pool(2);
                 ResultIterator<Integer> counts = pool.imap(WordCount::countWords, files)) {
                for (int i = 0; counts.hasNext(); i++) {
                    int count = counts.next();
                    if (i == 0) {
                        System.out.printf("first result after %d ms (%s: %d words)%n",
                                (System.nanoTime() - start) / 1_000_000, Path.of(files.get(0)).getFileName(), count);
                    }
                    // imap keeps input order, so the i-th result belongs to the i-th file.
                    Check.that(count == written.get(i), files.get(i) + ": counted " + count + ", wrote " + written.get(i));
                    total += count;
                }
            }
            long expected = written.stream().mapToLong(Integer::longValue).sum();
            Check.that(total == expected, "counted " + total + " words in all, wrote " + expected);
            System.out.printf("%d files, %d words, counted by 2 worker processes%n", FILES, total);
            System.out.println("OK " + NAME);
        } finally {
            deleteDirectory(dir);
        }
    }

    /** Runs in a pool worker. */
    static int countWords(String file) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return (int) lines.flatMap(line -> Stream.of(line.split("\\s+"))).filter(w -> !w.isEmpty()).count();
        }
    }

    private static Path writeText(Path file, int words, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int w = 1; w <= words; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 0 ? '\n' : ' ');
        }
        return Files.writeString(file, text);
    }

    private static void deleteDirectory(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
