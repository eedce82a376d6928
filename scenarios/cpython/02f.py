"""Scenario 02f in CPython: a worker SIGKILLed in the middle of Pool.map.

As Scenario02fPoolWorkerDeath (default profile): Pool(2) maps six items with chunk size 1; the item
at a position drawn from the trial's random source (the same as Java's) makes its worker send
SIGKILL to itself. CPython 3.11's pool replaces the worker but the lost task's result never
arrives, so map waits for ever (gh-66587): this program then prints nothing, and the runner ends
the trial at its timeout as ``hang: no outcome within …``. Should map return, the key is
``returned results``; should it raise, ``threw <type>: <message>`` (no row declares that).
"""
import multiprocessing
import os
import signal

import _common


def double_or_die(item):
    x, kill, caller = item
    if kill and os.getpid() != caller:  # only ever the worker itself, never the caller
        os.kill(os.getpid(), signal.SIGKILL)
    return 2 * x


def main():
    trial = _common.parse(__doc__)
    n = 6
    victim = trial.random.next_int(n)
    items = [(i, i == victim, os.getpid()) for i in range(n)]
    pool = multiprocessing.Pool(2)
    try:
        try:
            pool.map(double_or_die, items, chunksize=1)
            key = "returned results"
        except Exception as e:  # noqa: BLE001 - any exception is an observation
            key = "threw %s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        _common.emit(key)
    finally:
        pool.terminate()


if __name__ == "__main__":
    main()
