"""Scenario 02f in CPython: a worker SIGKILLed in the middle of Pool.map.

As Scenario02fPoolWorkerDeath. Default profile: Pool(2) maps six items with chunk size 1. Stress
profile: Pool(3) maps 60 items with a chunk size of 1-4 drawn from the trial's random source, so
the dead worker may have been running a chunk of several tasks. In both, the item at a position
drawn from the trial's random source makes its worker send SIGKILL to itself (its own pid only,
never the caller's, as WorkerKill.killSelf). The draws and dimensions come in Java's order:
dimension ``items``, the victim (``next_int(items)``), under stress the chunk size
(``1 + next_int(4)``, drawn even when --shape gives it), dimension ``chunksize``, dimension
``processes``.

CPython 3.11's pool replaces the worker but the lost task's (or chunk's) result never arrives, so
map waits for ever (gh-66587), under both profiles: this program then prints nothing, and the
runner ends the trial at its timeout as ``hang: no outcome within …``. The program sets no timeout
of its own, which would hide that. Should map return, the key is ``returned results``; should it
raise, ``threw <type>: <message>`` (no row declares that). Java's second map on the same pool
follows a WorkerDiedException, which CPython never raises, so it has no counterpart here.
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
    n = trial.dimension("items", 60 if trial.stress else 6)
    victim = trial.random.next_int(n)
    chunksize = trial.dimension("chunksize", 1 + trial.random.next_int(4) if trial.stress else 1)
    processes = trial.dimension("processes", 3 if trial.stress else 2)
    items = [(i, i == victim, os.getpid()) for i in range(n)]
    pool = multiprocessing.Pool(processes)
    try:
        try:
            pool.map(double_or_die, items, chunksize=chunksize)
            key = "returned results"
        except Exception as e:  # noqa: BLE001 - any exception is an observation
            key = "threw %s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        _common.emit(key)
    finally:
        pool.terminate()


if __name__ == "__main__":
    main()
