"""Scenario 05 in CPython: processes run the seed's ``shared.value += 1`` on a manager's Namespace.

As Scenario05ManagerSharedState. ``shared.value += 1`` on a Namespace proxy is a read
(``__getattr__``) and a write (``__setattr__``), two calls to the server with nothing holding the
value between them, so updates get lost. The child spells the two calls out,
``read = shared.value; shared.value = read + 1``, what ``+=`` does, so that it can return the
value it read.

Default profile: the seed's shape, five children, one increment each; the key is the final value
("5", or 1-4 for lost updates).

Stress profile (ManagerCounterTrial's, in _counter.py): K = 4 children (``processes``) released
together by a gate, m = 250 increments each (``increments``), every one recorded with its times and
the value it read; the keys are ``lost updates`` (the final value below K·m, every read within
[0, attempted]), ``all K·m increments kept`` or ``counter bounds violated: n reads``. The gate is a
multiprocessing.Event where Java uses a queue of tokens.
"""
import _common
import _counter


def update(shared, lock):
    read = shared.value
    shared.value = read + 1
    return read


if __name__ == "__main__":
    _counter.run(_common.parse(__doc__), update, exact=False)
