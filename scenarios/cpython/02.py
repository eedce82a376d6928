"""Scenario 02 in CPython: Pool.map returns the squares in input order, whatever order workers finish in.

As Scenario02PoolMap. Default profile: Pool(4), items 1..5, chunk size 1. Stress profile: Pool(3)
maps 200 items with chunk size 1, each item carrying a sleep of 0-10 ms drawn from the trial's
random source (``next_int(11)`` per item, in input order, as Java draws it), which the task sleeps
before squaring. Both profiles ask for the dimensions Java declares, ``items`` then ``processes``
(``--shape items=8,processes=2`` replays a shrunk shape). Each task returns its square with the
worker's pid and time.monotonic_ns() when it finished, judged like MapOrderCheck; the pool is
``with Pool(...)``, whose __exit__ terminates the workers and joins them (Java's MapTrial closes it).
"""
import multiprocessing
import os
import time

import _common


def timed_square(item):
    x, sleep_millis = item
    if sleep_millis > 0:
        time.sleep(sleep_millis / 1000)
    return (x * x, os.getpid(), time.monotonic_ns())


def main():
    trial = _common.parse(__doc__)
    n = trial.dimension("items", 200 if trial.stress else 5)
    processes = trial.dimension("processes", 3 if trial.stress else 4)
    if trial.stress:
        items = [(x, trial.random.next_int(11)) for x in range(1, n + 1)]
    else:
        items = [(x, 0) for x in range(1, n + 1)]
    with multiprocessing.Pool(processes) as pool:  # __exit__ terminates the workers and joins them
        results = pool.map(timed_square, items, chunksize=1)
    _common.emit(_common.map_order_check([x * x for x, _ in items], results))


if __name__ == "__main__":
    main()
