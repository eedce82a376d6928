"""Scenario 05b in CPython: the same increments under the manager's Lock: none is lost.

As Scenario05bManagerLocked (default profile): ``with lock: shared.value += 1`` in five children;
the key is the final value, "5" when every increment counted.
"""
import _common
import _counter


def increment(shared, lock):
    with lock:
        shared.value += 1


if __name__ == "__main__":
    _common.parse(__doc__)
    _counter.run(increment, with_lock=True)
