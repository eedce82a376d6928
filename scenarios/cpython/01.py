"""Scenario 01 in CPython: children run at the same time, each in a process of its own.

As Scenario01BasicProcess. Default profile: children A and B read time.monotonic_ns()
(CLOCK_MONOTONIC, one clock for the machine), sleep 300 ms, read it again and put
(name, pid, start, end) on a Queue; the parent judges pids and overlap with the Java keys. Stress
profile: four children, A to D, each sleeping 600 ms, and the same question of all four: were they
all alive at one instant (``distinct pids, lifetimes overlapped``), only some pairs (``distinct
pids, some lifetimes overlapped``) or none (``distinct pids, one ran after the other``)? Nothing
is drawn and no dimension is declared, as in Java. Prints one line, ``outcome: <key>``.
"""
import multiprocessing
import os
import queue
import time

import _common

SLEEP = 0.3
STRESS_SLEEP = 0.6
STRESS_CHILDREN = 4
REPORT_WAIT = 10.0
REAP_WAIT = 10.0


def sleep_and_report(reports, name, sleep):
    start = time.monotonic_ns()
    time.sleep(sleep)
    reports.put((name, os.getpid(), start, time.monotonic_ns()))


def verdict(children, reports, before, after):
    for child in children:
        if child.exitcode is None:
            return "a child did not exit"
        if child.exitcode != 0:
            return "a child exited with code %d" % child.exitcode
    if len(reports) < len(children):
        return "a child sent no report"
    pids = set()
    for name, pid, start, end in reports:
        if pid == os.getpid():
            return "a child ran in the parent's JVM"
        if not any(c.name == name and c.pid == pid for c in children):
            return "a child's pid differs from pid()"
        if start < before or end > after or end < start:
            return "a child's times lie outside the parent's window"
        pids.add(pid)
    if len(pids) < len(reports):
        return "same pid"
    if max(r[2] for r in reports) < min(r[3] for r in reports):
        return "distinct pids, lifetimes overlapped"
    for i, a in enumerate(reports):
        for b in reports[i + 1:]:
            if a[2] < b[3] and b[2] < a[3]:
                return "distinct pids, some lifetimes overlapped"
    return "distinct pids, one ran after the other"


def main():
    trial = _common.parse(__doc__)
    n = STRESS_CHILDREN if trial.stress else 2
    sleep = STRESS_SLEEP if trial.stress else SLEEP
    reports = multiprocessing.Queue()
    children = []
    try:
        before = time.monotonic_ns()
        for i in range(n):
            name = chr(ord("A") + i)
            child = multiprocessing.Process(name=name, target=sleep_and_report, args=(reports, name, sleep))
            child.start()
            children.append(child)
        received = []
        deadline = time.monotonic() + REPORT_WAIT
        while len(received) < len(children) and time.monotonic() < deadline \
                and not any(c.exitcode not in (None, 0) for c in children):
            try:
                received.append(reports.get(timeout=0.05))
            except queue.Empty:
                pass
        after = time.monotonic_ns()
        for child in children:
            child.join(REAP_WAIT)
        _common.emit(verdict(children, received, before, after))
    finally:
        for child in children:
            _common.kill_own(child)


if __name__ == "__main__":
    main()
