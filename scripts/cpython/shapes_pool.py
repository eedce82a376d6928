"""CPython's twins of the user-shapes suite's pool half (reports: ShapesPoolBenchmark), with
multiprocessing's fork start method, written as JMH's JSON so a report can show mproc's ratio.

  JMH: ShapesPoolBenchmark.<shape>  twin: cpython.ShapesPool.<shape>.fork      unit      one op
  applyAsyncPipelined     pool.apply_async(square, (i,)) x 10,000, then .get() each    ops/s  one call
  applyRoundTrip          pool.apply(square, (7,)), calls 3,001..4,000 of a fresh      us/op  one call
                          pool, timed in 10 blocks of 100 (JMH: SingleShotTime in a
                          fresh JVM, one block per iteration)
  applyRoundTripWarm      pool.apply(square, (7,)), back to back, steady state        us/op  one call
  wordCountRichResults    pool.map(count_words, 200 paths): each task returns its      ops/s  one file
                          file's Counter (~15,100 words), merged with total.update
  wordCountSequential     the same in this process, no pool (workers ignored)         ops/s  one file
  primeCountingOneWorker  Pool(1).map(count_primes, 16 spans of 25,000 numbers from     ops/s  one span
                          1,000,000, chunksize 1): trial division, a number back
  primeCountingTwoWorkers the same on Pool(2); over twice the one-worker rate: the      ops/s  one span
                          efficiency at 2 workers

Same sizes as the Java side: Pool(workers) (default 2), 10,000 pipelined calls, 3,000 calls before
the measured round trips, 200 files of 18,000 words. The files are byte for byte the Java side's:
both follow the recipe in WordCorpus.java (word i of a 50,000-word vocabulary is
i * 7919 mod 1,000,003 + 26**3 in base 26, a-z; file f draws its words with a 64-bit LCG seeded
with f, index (x >> 33) mod 50,000; 12 words a line), and both check the corpus's SHA-256.
Java counts with HashMap.merge and returns a HashMap; the Python twin is what a Python user writes,
Counter(f.read().split()), returned as a Counter (pickled as a dict of counts).

Run through scripts/cpython/shapes-baseline, which says so plainly when python3 is missing, or:
  python3 scripts/cpython/shapes_pool.py [--quick] [--json FILE] [--workers N] [--only SHAPE]
"""
import hashlib
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
from collections import Counter

import shapes_runner

FORK = mp.get_context("fork")
PIPELINED = 10_000
PIPELINED_SUM = sum(i * i for i in range(PIPELINED))
CALLS_BEFORE = 3_000
BLOCK = 100  # calls per single-shot iteration of applyRoundTrip

FILES = 200
WORDS_PER_FILE = 18_000
VOCABULARY = 50_000
WORDS_PER_LINE = 12
TOTAL_WORDS = FILES * WORDS_PER_FILE
SHA256 = "161996a2ed421d44ddc282d76b7c8f0be334b285ffad16f9b9cd5675e161fff5"  # WordCorpus.SHA256
_MASK64 = (1 << 64) - 1


# ---- what the workers run (module level: fork children find them by name) ------------------------

def square(x):
    return x * x


PRIME_SPAN = 25_000
PRIME_STARTS = [1_000_000 + i * PRIME_SPAN for i in range(16)]
PRIMES_IN_STARTS = 28_628  # primes in [1,000,000, 1,400,000)


def count_primes(lo):
    """The primes in [lo, lo + PRIME_SPAN), by trial division with odd divisors (ShapesTasks.countPrimes)."""
    count = 0
    for n in range(lo, lo + PRIME_SPAN):
        if n < 2:
            continue
        if n % 2 == 0:
            count += n == 2
            continue
        d = 3
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 2
        count += prime
    return count


def count_words(path):
    with open(path) as f:
        return Counter(f.read().split())


# ---- the corpus, by WordCorpus.java's recipe ------------------------------------------------------

def spell(n):
    """n in base 26, a-z, most significant letter first."""
    letters = []
    while n:
        n, r = divmod(n, 26)
        letters.append(chr(97 + r))
    return "".join(reversed(letters))


def write_corpus(directory):
    """Writes the 200 files; returns (paths, distinct words over all files). Checks the digest."""
    vocabulary = [spell(i * 7919 % 1_000_003 + 26 ** 3) for i in range(VOCABULARY)]
    used = set()
    digest = hashlib.sha256()
    paths = []
    for f in range(FILES):
        x = f
        parts = []
        for w in range(WORDS_PER_FILE):
            x = (x * 6364136223846793005 + 1442695040888963407) & _MASK64
            index = (x >> 33) % VOCABULARY
            used.add(index)
            parts.append(vocabulary[index])
            parts.append("\n" if w % WORDS_PER_LINE == WORDS_PER_LINE - 1 else " ")
        text = "".join(parts).encode("ascii")
        digest.update(text)
        path = os.path.join(directory, "file-%03d.txt" % f)
        with open(path, "wb") as out:
            out.write(text)
        paths.append(path)
    if digest.hexdigest() != SHA256:
        raise RuntimeError("the word corpus has SHA-256 %s, not %s: the recipe no longer matches "
                           "WordCorpus.java" % (digest.hexdigest(), SHA256))
    return paths, len(used)


def check_total(total, distinct):
    words = sum(total.values())
    if words != TOTAL_WORDS or len(total) != distinct:
        raise RuntimeError("merged count has %d words, %d distinct; the corpus has %d, %d"
                           % (words, len(total), TOTAL_WORDS, distinct))


# ---- the shapes -----------------------------------------------------------------------------------

def warm_pool(workers):
    pool = FORK.Pool(workers)
    pool.map(square, range(4 * workers), 1)  # every worker is up
    return pool


def closer(pool, *more):
    def teardown():
        pool.close()
        pool.join()
        for f in more:
            f()
    return teardown


def check_square_of_seven(result):
    if result != 49:
        raise RuntimeError("apply(square, 7) returned %r" % (result,))


def pipelined_setup(workers):
    def setup():
        pool = warm_pool(workers)

        def op():
            futures = [pool.apply_async(square, (i,)) for i in range(PIPELINED)]
            total = sum(f.get() for f in futures)
            if total != PIPELINED_SUM:
                raise RuntimeError("pipelined squares add up to %d, not %d" % (total, PIPELINED_SUM))
        return op, PIPELINED, closer(pool)
    return setup


def round_trip_setup(workers, calls_before, calls_per_op):
    def setup():
        pool = FORK.Pool(workers)
        for _ in range(calls_before):
            check_square_of_seven(pool.apply(square, (7,)))

        def op():
            for _ in range(calls_per_op):
                check_square_of_seven(pool.apply(square, (7,)))
        return op, calls_per_op, closer(pool)
    return setup


def word_count_setup(workers):
    def setup():
        directory = tempfile.mkdtemp(prefix="mproc-words")
        paths, distinct = write_corpus(directory)
        pool = warm_pool(workers) if workers else None

        def op():
            total = Counter()
            for counts in (pool.map(count_words, paths) if pool else map(count_words, paths)):
                total.update(counts)
            check_total(total, distinct)

        def remove():
            shutil.rmtree(directory)
        return op, FILES, (closer(pool, remove) if pool else remove)
    return setup


def prime_setup(workers):
    def setup():
        pool = warm_pool(workers)
        def op():
            total = sum(pool.map(count_primes, PRIME_STARTS, 1))
            if total != PRIMES_IN_STARTS:
                raise RuntimeError("the prime counts add up to %d, not %d" % (total, PRIMES_IN_STARTS))
        return op, len(PRIME_STARTS), closer(pool)
    return setup


def suite(workers):
    w = {"workers": str(workers)}
    name = "cpython.ShapesPool.%s.fork"
    return [
        (name % "applyAsyncPipelined", w, "thrpt", "ops/s", 1, pipelined_setup(workers)),
        (name % "applyRoundTrip", w, "ss", "us/op", 1e6, round_trip_setup(workers, CALLS_BEFORE, BLOCK)),
        (name % "applyRoundTripWarm", w, "avgt", "us/op", 1e6, round_trip_setup(workers, 4 * workers, 1)),
        (name % "wordCountRichResults", w, "thrpt", "ops/s", 1, word_count_setup(workers)),
        (name % "wordCountSequential", w, "thrpt", "ops/s", 1, word_count_setup(0)),
        (name % "primeCountingOneWorker", w, "thrpt", "ops/s", 1, prime_setup(1)),
        (name % "primeCountingTwoWorkers", w, "thrpt", "ops/s", 1, prime_setup(2)),
    ]


if __name__ == "__main__":
    sys.exit(shapes_runner.main(__doc__, suite))
