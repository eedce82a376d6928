"""Scenario 02 in CPython: Pool(4).map of the five squares returns them in input order.

As Scenario02PoolMap (default profile): Pool(4), items 1..5, chunk size 1; each task returns its
square with the worker's pid and time.monotonic_ns() when it finished, judged like MapOrderCheck.
"""
import multiprocessing
import os
import time

import _common


def timed_square(x):
    return (x * x, os.getpid(), time.monotonic_ns())


def main():
    _common.parse(__doc__)
    items = [1, 2, 3, 4, 5]
    with multiprocessing.Pool(4) as pool:  # __exit__ terminates the workers and joins them
        results = pool.map(timed_square, items, chunksize=1)
    _common.emit(_common.map_order_check([x * x for x in items], results))


if __name__ == "__main__":
    main()
