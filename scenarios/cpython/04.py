"""Scenario 04 in CPython: parallel factorials come back whole and in input order.

As Scenario04ParallelFactorial (default profile): Pool(4).map of factorial over [5, 6, 7, 8], chunk
size 1, each result with the worker's pid and finishing time, judged like MapOrderCheck.
"""
import multiprocessing
import os
import time

import _common


def factorial(n):
    return 1 if n == 0 else n * factorial(n - 1)


def timed_factorial(n):
    return (factorial(n), os.getpid(), time.monotonic_ns())


def main():
    _common.parse(__doc__)
    nums = [5, 6, 7, 8]
    with multiprocessing.Pool(4) as pool:
        results = pool.map(timed_factorial, nums, chunksize=1)
    _common.emit(_common.map_order_check([factorial(n) for n in nums], results))


if __name__ == "__main__":
    main()
