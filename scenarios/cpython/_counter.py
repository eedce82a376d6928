"""The trial of scenarios 05 and 05b in CPython, as ManagerCounterTrial runs it: a manager's
Namespace holds value = 0 and children add one to it; only 05.py and 05b.py use this module.

Default profile (the seed's shape): five children, one increment each; the key is the final value.

Stress profile: the dimensions ``increments`` (m = 250) then ``processes`` (K = 4) are asked, in
that order, as Java asks them; nothing is drawn from the trial's random source. K children each
put a token on a ``ready`` queue and wait at a gate, a multiprocessing.Event the parent sets once
all K tokens have arrived (Java's gate is a second queue with one token per child), then make m
increments, each recorded with time.monotonic_ns() before and after it and the value it read (one
increment and one read, as CounterCall); each child sends its list on a ``results`` queue. Once all
K lists have come and every child has exited with 0, the parent reads the final value, timed too,
and judges the history as ManagerCounterTrial.judge does, with a port of CounterChecker:
``counter bounds violated: n reads`` when a read lies outside [0, attempted when it returned] or the
final value outside [1, K·m]; otherwise ``lost updates`` when the final value is below K·m; for an
exact counter (05b) every read must also be at least the increments complete when it began; else
``all K·m increments kept``. CLOCK_MONOTONIC (time.monotonic_ns, as Java's System.nanoTime) is one
clock for every process of the machine, so the children's times compare.
"""
import bisect
import multiprocessing
import time

import _common

SEED_CHILDREN = 5
K = 4
M = 250
PATIENCE = 30.0
GATE = 20.0
ALL_KEPT = "all K·m increments kept"
LOST = "lost updates"
VIOLATED = "counter bounds violated"


def run(trial, increment, exact):
    """Runs one trial; ``increment(shared, lock)`` adds one and returns the value it read.
    ``exact``: whether every increment must count (05b, G-MGR-3) or lost updates are allowed (05)."""
    with multiprocessing.Manager() as mgr:
        shared = mgr.Namespace()
        shared.value = 0
        lock = mgr.Lock() if exact else None
        children = _common.Children(PATIENCE)
        try:
            if not trial.stress:
                key = seed_shape(children, shared, lock, increment)
            else:
                m = trial.dimension("increments", M)
                k = trial.dimension("processes", K)
                key = stress(children, shared, lock, increment, exact, k, m)
            _common.emit(key)
        except _common.Stopped as e:
            _common.emit(str(e))
        finally:
            children.close()  # before the manager shuts down: no child is left talking to it


def seed_shape(children, shared, lock, increment):
    for i in range(SEED_CHILDREN):
        children.start("incrementer-%d" % i, increment, (shared, lock))
    children.join_all()
    return str(shared.value)


def stress(children, shared, lock, increment, exact, k, m):
    ready = multiprocessing.Queue()
    results = multiprocessing.Queue()
    go = multiprocessing.Event()
    try:
        for i in range(k):
            name = "incrementer-%d" % i
            children.start(name, increments, (name, shared, lock, increment, m, ready, go, results))
        for _ in range(k):
            children.await_(ready)
        go.set()  # the gate opens only once every child has started and is waiting
        calls = []
        for _ in range(k):
            calls.extend(children.await_(results))
        children.join_all()
        start = time.monotonic_ns()
        last = shared.value
        calls.append(("parent", True, last, start, time.monotonic_ns()))
        return judge(calls, last, exact, k * m)
    finally:
        for q in (ready, results):
            q.close()
            q.join_thread()


def increments(name, shared, lock, increment, m, ready, go, results):
    """In a child: says it is ready, waits at the gate, makes m increments, sends what it recorded."""
    ready.put(1)
    if not go.wait(GATE):
        raise RuntimeError("the gate did not open in %.0f s" % GATE)
    calls = []
    for _ in range(m):
        invoked = time.monotonic_ns()
        seen = increment(shared, lock)
        ended = time.monotonic_ns()
        calls.append((name, False, 1, invoked, ended))
        calls.append((name, True, seen, invoked, ended))
    results.put(calls)


def judge(calls, last, exact, attempted):
    """ManagerCounterTrial.judge: the racy bounds first, then whether all counted, then the exact bounds."""
    violations = check(calls, False)
    if last < 1 or last > attempted:
        violations.append("final value %d outside [1, %d]" % (last, attempted))
    if not violations and last < attempted:
        return LOST
    if not violations and exact:
        violations.extend(check(calls, True))
    if not violations:
        return ALL_KEPT
    return "%s: %d %s" % (VIOLATED, len(violations), "read" if len(violations) == 1 else "reads")


def check(calls, exact):
    """CounterChecker.check over (process, read, amount, invoked, ended) tuples, every call completed:
    each read within [increments complete before it began (exact only, else 0), increments invoked
    by the time it returned]; returns the violations, described."""
    incs = [c for c in calls if not c[1]]
    by_end = sorted(incs, key=lambda c: c[4])
    completed_at = [c[4] for c in by_end]
    completed_sums = _prefix_sums([c[2] for c in by_end])
    by_invocation = sorted(incs, key=lambda c: c[3])
    invoked_at = [c[3] for c in by_invocation]
    invoked_sums = _prefix_sums([c[2] for c in by_invocation])
    violations = []
    for process, read, amount, invoked, ended in calls:
        if not read:
            continue
        lower = completed_sums[bisect.bisect_left(completed_at, invoked)] if exact else 0
        upper = invoked_sums[bisect.bisect_left(invoked_at, ended + 1)]
        if amount < lower or amount > upper:
            violations.append("read of %d by %s outside [%d, %d]" % (amount, process, lower, upper))
    return violations


def _prefix_sums(amounts):
    sums = [0]
    for a in amounts:
        sums.append(sums[-1] + a)
    return sums
