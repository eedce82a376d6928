"""Scenario 04 in CPython: parallel factorials come back whole and in input order.

As Scenario04ParallelFactorial. Default profile: Pool(4).map of factorial over [5, 6, 7, 8], chunk
size 1. Stress profile: Pool(3).map of the factorials of 64 numbers from 300 to 3,000, drawn from
the trial's random source (``next_int_between(300, 3001)`` each, in input order, as Java draws
them), chunk size 1; their costs differ by two orders of magnitude, so a small one started after a
large one overtakes it. Each result comes with the worker's pid and finishing time, judged like
MapOrderCheck against the factorials computed here one after another. No dimension is declared,
as in Java.

The factorial is the seed's recursive definition, as in Java, where recursion 3,000 deep fits the
JVM's default stack. CPython's default recursion limit is 1,000 frames, so the process that
recurses (this one for the expected answer, the worker for a task) first raises its limit to the
depth needed plus a margin (Python 3.11 runs Python-to-Python calls without C stack, so the raise
is safe); otherwise every stress trial would end in RecursionError, a question this scenario does
not ask (the Java program's deep-recursion part is not graded here either).
"""
import multiprocessing
import os
import sys
import time

import _common

FRAMES_MARGIN = 100


def factorial(n):
    return 1 if n == 0 else n * factorial(n - 1)


def deep_enough(n):
    """Lets this process recurse n frames deep (raises the recursion limit only when it is too low)."""
    if sys.getrecursionlimit() < n + FRAMES_MARGIN:
        sys.setrecursionlimit(n + FRAMES_MARGIN)


def timed_factorial(n):
    deep_enough(n)
    return (factorial(n), os.getpid(), time.monotonic_ns())


def stress_numbers(random):
    return [random.next_int_between(300, 3001) for _ in range(64)]


def main():
    trial = _common.parse(__doc__)
    nums = stress_numbers(trial.random) if trial.stress else [5, 6, 7, 8]
    deep_enough(max(nums))
    expected = [factorial(n) for n in nums]
    with multiprocessing.Pool(3 if trial.stress else 4) as pool:
        results = pool.map(timed_factorial, nums, chunksize=1)
    _common.emit(_common.map_order_check(expected, results))


if __name__ == "__main__":
    main()
