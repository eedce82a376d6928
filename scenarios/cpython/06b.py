"""Scenario 06b in CPython: an exception in a pool task.

As Scenario06bPoolTaskFailure. Default profile: Pool(2).apply(task, (-1,)), where task raises
RuntimeError("Oops!"), then apply(task, (7,)) must return 49. CPython re-raises the task's own
exception in the caller with a RemoteTraceback as its __cause__; that pair plays the part of Java's
TaskFailedException and its cause. The checks run in Java's order: class (RuntimeError for Java's
RuntimeException) and message, top frame in ``task`` (read from the remote traceback), then the
worker's pid, which CPython's exception does not carry: a CPython run stops at
``TaskFailedException, but it names no worker pid``. (Java also checks a task index before the
pid; a single apply has index 0 in Java, and CPython's exception carries none either, so that
check is left out and the pid's key, the one the default program has always printed, stands.)

Stress profile: the dimension applies (20) is asked, then the arguments drawn as Java draws them
(for each: nextInt(3) == 0 ? -1 - nextInt(1000) : nextInt(1000); then a forced position nextInt(n)
made negative), then the dimension processes (2) for Pool(processes). The applies run in turn on
one pool: each non-negative argument must return its square (else ``a succeeding task …``), each
negative one must fail as above, then apply(task, (7,)) must return 49. A CPython run therefore
stops at its first failing apply with the default's key, after the succeeding applies before it
have been checked.
"""
import multiprocessing
import re

import _common

AFTER = 7
STRESS_APPLIES = 20


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


def stress_arguments(random, n):
    """Scenario06bPoolTaskFailure.stressArguments: n arguments, about a third negative, at least one."""
    args = []
    for _ in range(n):
        args.append(-1 - random.next_int(1000) if random.next_int(3) == 0 else random.next_int(1000))
    forced = random.next_int(n)
    args[forced] = -1 - abs(args[forced])
    return args


def is_task_failure(e):
    """Whether ``e`` is a task's own exception re-raised by the pool (CPython's TaskFailedException)."""
    return type(e.__cause__).__name__ == "RemoteTraceback"


def apply_once(pool, arg):
    """What is wrong with apply(task, (arg,)), as Java's applyOnce judges it, or None."""
    try:
        result = pool.apply(task, (arg,))
    except Exception as e:  # noqa: BLE001 - whatever apply raised is the observation
        if arg >= 0:
            return ("a succeeding task threw TaskFailedException caused by %s" % type(e).__name__
                    if is_task_failure(e) else "a succeeding task threw %s" % type(e).__name__)
        wrong = wrong_failure(e)
        return None if wrong is None else "TaskFailedException, but " + wrong
    if arg >= 0:
        return None if type(result) is int and result == arg * arg else "a succeeding task returned a wrong value"
    return "returned null" if result is None else "returned a value: %s" % str(result).splitlines()[0]


def after(pool):
    """The apply after the failures: what is wrong with it, or None."""
    try:
        result = pool.apply(task, (AFTER,))
        return None if result == AFTER * AFTER else "task(%d) returned %s, not %d" % (AFTER, result, AFTER * AFTER)
    except Exception as e:  # noqa: BLE001
        return "task(%d) threw %s" % (AFTER, type(e).__name__)


def stress(trial):
    args = stress_arguments(trial.random, trial.dimension("applies", STRESS_APPLIES))
    pool = multiprocessing.Pool(trial.dimension("processes", 2))
    try:
        for arg in args:
            wrong = apply_once(pool, arg)
            if wrong is not None:
                _common.emit(wrong)
                return
        broken = after(pool)
        _common.emit("TaskFailedException caused by RuntimeException: Oops!" if broken is None
                     else "pool broken after the failures: " + broken)
    finally:
        pool.terminate()


def main():
    trial = _common.parse(__doc__)
    if trial.stress:
        stress(trial)
        return
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
