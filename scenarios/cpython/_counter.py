"""The seed shape of scenarios 05 and 05b in CPython (ManagerCounterTrial's default profile): a
manager's Namespace holds value = 0, five children each add one, the key is the final value."""
import multiprocessing

import _common

CHILDREN = 5
PATIENCE = 30.0


def run(increment, with_lock):
    """Runs the trial; ``increment(shared, lock)`` is what each child does to add one."""
    with multiprocessing.Manager() as mgr:
        shared = mgr.Namespace()
        shared.value = 0
        lock = mgr.Lock() if with_lock else None
        children = _common.Children(PATIENCE)
        try:
            for i in range(CHILDREN):
                children.start("incrementer-%d" % i, increment, (shared, lock))
            children.join_all()
            _common.emit(str(shared.value))
        except _common.Stopped as e:
            _common.emit(str(e))
        finally:
            children.close()  # before the manager shuts down: no child is left talking to it
