"""Scenario 05f in CPython: a manager Barrier party SIGKILLed while it waits.

As Scenario05fBarrierPartyKilled: a manager Barrier of N + 1 parties, N children waiting and the
trial itself, the coordinator, not yet arrived. N is 3 in the default profile; under stress it is
drawn, 3 + nextInt(3), so 3 to 5, as in Java; then, in both profiles, the child to kill is drawn,
nextInt(N), from the trial's random source as in Java (05f declares no dimensions). Once
``n_waiting`` shows the N, that child is SIGKILLed by pid. The Java trial then waits for the
survivors' reports; CPython tells them nothing (the dead party's server thread still waits), so
after SURVIVORS_TOLD without a report the coordinator arrives, as the Java trial does next, and the
barrier trips: the survivors pass, key ``a survivor passed the barrier`` (the same under both
profiles). BrokenBarrierError plays the part of Java's BrokenBarrierException.
"""
import multiprocessing
import queue
import threading
import time

import _common

PATIENCE = 15.0
LATE = 5.0
SURVIVORS_TOLD = 2.0


def await_and_report(barrier, party, reports):
    try:
        barrier.wait()
        saw = "passed"
    except threading.BrokenBarrierError:
        saw = "broken"
    except Exception as e:  # noqa: BLE001 - another failure is an observation
        saw = type(e).__name__
    reports.put((party, saw))


def judge(seen):
    if "passed" in seen:
        return "a survivor passed the barrier"
    for s in seen:
        if s.startswith("victim "):
            return "child failed: the killed party reported '%s' before its death" % s[7:]
        if s != "broken":
            return "a survivor got %s instead of BrokenBarrierException" % s
    return "every other party saw BrokenBarrierException"


def collect(reports, n, timeout, victim, seen):
    deadline = time.monotonic() + timeout
    while len(seen) < n and time.monotonic() < deadline:
        try:
            party, saw = reports.get(timeout=0.05)
            seen.append("victim " + saw if party == victim else saw)
        except queue.Empty:
            pass


def main():
    trial = _common.parse(__doc__)
    n = 3 + trial.random.next_int(3) if trial.stress else 3
    victim = trial.random.next_int(n)
    with multiprocessing.Manager() as mgr:
        reports = multiprocessing.Queue()
        barrier = mgr.Barrier(n + 1)
        children = _common.Children(PATIENCE)
        try:
            parties = [children.start("party-%d" % i, await_and_report, (barrier, i, reports)) for i in range(n)]
            children.until(lambda: barrier.n_waiting == n, "fewer than %d parties waiting at the barrier" % n)
            code = children.sigkill(parties[victim])
            seen = []
            collect(reports, n - 1, SURVIVORS_TOLD, victim, seen)
            late = None
            if len(seen) < n - 1:  # nobody told the survivors: the coordinator arrives now
                try:
                    barrier.wait(LATE)
                    late = "passed"
                except threading.BrokenBarrierError:
                    late = "broken"
                collect(reports, n - 1, PATIENCE, victim, seen)
                if len(seen) < n - 1:
                    raise _common.Stopped("hang: nothing arrived before the trial's deadline")
            key = judge(seen)
            if key == "every other party saw BrokenBarrierException":
                if late is None:
                    try:
                        barrier.wait(LATE)
                        late = "passed"
                    except threading.BrokenBarrierError:
                        late = "broken"
                if late == "passed":
                    key = "the coordinator's late await passed a broken barrier"
                else:
                    children.join_all()
                    if code != -9:
                        key = "child failed: the killed party exited with %d" % code
            _common.emit(key)
        except _common.Stopped as e:
            _common.emit(str(e))
        finally:
            children.close()


if __name__ == "__main__":
    main()
