"""Scenario 05b in CPython: the same increments under the manager's Lock: none is lost.

As Scenario05bManagerLocked: ``with lock: shared.value += 1`` with ``lock = mgr.Lock()``, the read
and the write spelled out as in 05.py so the child can return the value it read. Java's lock also
tells a holder whether the last one died inside it (``held.abandoned()``, checked there); a CPython
manager Lock has no such thing, and no holder dies here.

Default profile: the seed's shape, five children, one increment each; the key is the final value,
"5" when every increment counted.

Stress profile (ManagerCounterTrial's, in _counter.py): K = 4 children (``processes``) released
together by a gate, m = 250 locked increments each (``increments``), every one recorded with its
times and the value it read; the history is judged with the exact bounds (every read at least the
increments complete when it began, at most those attempted when it returned, the final value K·m):
``all K·m increments kept``, else ``lost updates`` or ``counter bounds violated: n reads``. The
gate is a multiprocessing.Event where Java uses a queue of tokens.
"""
import _common
import _counter


def increment(shared, lock):
    with lock:
        read = shared.value
        shared.value = read + 1
        return read


if __name__ == "__main__":
    _counter.run(_common.parse(__doc__), increment, exact=True)
