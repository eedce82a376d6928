"""CPython's twin of org.mproc.reports.bench.ApplyWarmup: a new Pool(2) (fork start method, as the
shapes suite's steady twins) in a fresh interpreter, then CALLS apply(square, (7,)) one after
another, each timed; prints the median of each range of call numbers as one JSON line, in
microseconds. Call 1 includes waiting for the workers to start. scripts/bench-warmup runs it in
several fresh interpreters, alternating with the JVM side. Standard library only.

    python3 scripts/cpython/apply_warmup.py
    {"impl": "cpython", "ranges": [[1, 1, 2101.3], [2, 10, 301.2], ..., [10001, 20000, 290.4]]}
"""
import json
import multiprocessing as mp
import statistics
import sys
import time

CALLS = 20_000
# Inclusive ranges of call numbers, as ApplyWarmup.RANGES.
RANGES = ((1, 1), (2, 10), (11, 100), (101, 300), (301, 1_000), (1_001, 3_000), (3_001, 10_000),
          (10_001, CALLS))


def square(x):
    return x * x


def main():
    micros = [0.0] * (CALLS + 1)
    with mp.get_context("fork").Pool(2) as pool:
        for call in range(1, CALLS + 1):
            t0 = time.perf_counter()
            r = pool.apply(square, (7,))
            micros[call] = (time.perf_counter() - t0) * 1e6
            if r != 49:
                raise RuntimeError(f"apply(square, 7) returned {r}")
    ranges = [[a, b, round(statistics.median(micros[a:b + 1]), 1)] for a, b in RANGES]
    print(json.dumps({"impl": "cpython", "ranges": ranges}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
