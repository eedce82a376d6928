package org.mproc.reports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.mproc.ProcessFunction;
import org.mproc.SharedLock;
import org.mproc.SharedValue;

/**
 * The user-shapes suite's code as a user would write it, in a small class of its own (a worker
 * loads the class that defines a function it is sent; a benchmark class would drag JMH into it).
 * CPython's twins are the functions of the same names in {@code scripts/cpython/shapes_pool.py}
 * and {@code shapes_manager.py}.
 */
final class ShapesTasks {
    private ShapesTasks() {}

    /**
     * One file's word counts, the plain way: read it whole, split on white space, {@code merge}.
     * CPython's twin is {@code Counter(f.read().split())}.
     */
    static Map<String, Integer> countWords(String path) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : Files.readString(Path.of(path)).split("\\s+")) {
            counts.merge(word, 1, Integer::sum);
        }
        return counts;
    }

    /** Numbers each prime-counting task looks at. */
    static final int PRIME_SPAN = 25_000;
    /**
     * The primes in [{@code lo}, {@code lo} + {@link #PRIME_SPAN}), by trial division with odd
     * divisors: CPU-bound work with nothing to send but a number, as CPython's twin
     * {@code count_primes} does it.
     */
    static int countPrimes(int lo) {
        int count = 0;
        for (int n = lo; n < lo + PRIME_SPAN; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds one file's counts to the caller's total, as CPython's {@code total.update(counts)}. */
    static void mergeInto(Map<String, Integer> total, Map<String, Integer> counts) {
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            total.merge(e.getKey(), e.getValue(), Integer::sum);
        }
    }

    /**
     * A task that makes {@code n} increments of {@code counter}, each one lock, get, set(+1),
     * unlock: the exact increment a CPython user writes with a manager {@code Lock} and
     * {@code Value} (mproc's one-call {@code updateAndGet} is deliberately not used). Returns
     * {@code n}.
     */
    static ProcessFunction<Integer, Integer> lockedIncrements(SharedLock lock, SharedValue<Integer> counter) {
        return n -> {
            for (int i = 0; i < n; i++) {
                lock.lock();
                try {
                    counter.set(counter.get() + 1);
                } finally {
                    lock.unlock();
                }
            }
            return n;
        };
    }
}
