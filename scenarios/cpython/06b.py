"""Scenario 06b in CPython: an exception in a pool task.

As Scenario06bPoolTaskFailure (default profile): Pool(2).apply(task, (-1,)), where task raises
RuntimeError("Oops!"), then apply(task, (7,)) must return 49. CPython re-raises the task's own
exception in the caller with a RemoteTraceback as its __cause__; that pair plays the part of Java's
TaskFailedException and its cause. The checks run in Java's order: class (RuntimeError for Java's
RuntimeException) and message, top frame in ``task`` (read from the remote traceback), then the
worker's pid, which CPython's exception does not carry: a CPython run stops at
``TaskFailedException, but it names no worker pid``.
"""
import multiprocessing
import re

import _common

AFTER = 7


def task(x):
    if x < 0:
        raise RuntimeError("Oops!")
    return x * x


def wrong_failure(e):
    if type(e) is not RuntimeError:
        return "the cause differs: its class is %s, not RuntimeError" % type(e).__name__
    if str(e) != "Oops!":
        return "the cause differs: its message is '%s', not 'Oops!'" % str(e).splitlines()[0]
    remote = str(e.__cause__ or "")
    frames = re.findall(r'File "[^"]*", line \d+, in (\S+)', remote)
    if not frames:
        return "it has no cause"
    if frames[-1] != "task":
        return "the cause differs: its top frame is %s, not task" % frames[-1]
    if getattr(e, "worker_pid", None) is None:
        return "it names no worker pid"
    return None


def main():
    _common.parse(__doc__)
    pool = multiprocessing.Pool(2)
    try:
        try:
            result = pool.apply(task, (-1,))
            key = "returned null" if result is None else "returned a value: %s" % str(result).splitlines()[0]
        except Exception as e:  # noqa: BLE001 - whatever apply raised is the observation
            wrong = wrong_failure(e)
            if wrong is not None:
                key = "TaskFailedException, but " + wrong
            else:
                try:
                    after = pool.apply(task, (AFTER,))
                    key = "TaskFailedException caused by RuntimeException: Oops!" if after == AFTER * AFTER \
                        else "pool broken after the failures: task(%d) returned %s, not %d" % (AFTER, after, AFTER * AFTER)
                except Exception as next_error:  # noqa: BLE001
                    key = "pool broken after the failures: task(%d) threw %s" % (AFTER, type(next_error).__name__)
        _common.emit(key)
    finally:
        pool.terminate()


if __name__ == "__main__":
    main()
