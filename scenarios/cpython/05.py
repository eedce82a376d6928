"""Scenario 05 in CPython: five processes run the seed's ``shared.value += 1`` on a manager's Namespace.

As Scenario05ManagerSharedState (default profile): a read and a write, two calls to the server, so
updates get lost; the key is the final value ("5", or 1-4 for lost updates).
"""
import _common
import _counter


def update(shared, lock):
    shared.value += 1


if __name__ == "__main__":
    _common.parse(__doc__)
    _counter.run(update, with_lock=False)
