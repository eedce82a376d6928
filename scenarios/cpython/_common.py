"""What every CPython counterpart of a graded scenario shares.

Each program in this directory runs one trial of the Java scenario with the same id, with real
processes under the start method it is given, and prints exactly one line, ``outcome: <key>``,
where <key> is a key of the Java scenario's outcome table (read the Java class for its rows). The
runner (org.mproc.harness.CPythonRunner) grades that key with the Java table, so both
implementations are graded by the same rows (G-HAR-7).

    python3 scenarios/cpython/05.py --start-method spawn --profile default --seed 42 --trial 0
    outcome: 4

Inputs are drawn the way the Java trial draws them: ``trial_random(seed, trial)`` is a port of
java.util.SplittableRandom seeded like org.mproc.harness.TrialContext, so a replay with the same
seed and trial index draws the same shape in both languages (checked by CPythonDrawsTest).

``--profile stress`` runs the Java scenario's stress shape (``trial.stress``), drawn in the same
order from the same source; ``--shape name=value[,name=value...]`` replaces the values of the
dimensions the Java scenario declares (``trial.dimension(name, value)``, as TrialContext.dimension),
so a shape printed by the Java runner replays here. A program kills only processes it started, by pid.
"""
import argparse
import multiprocessing
import os
import queue
import signal
import sys
import time

_MASK64 = (1 << 64) - 1
_GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def _mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def _mix32(z):
    z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & _MASK64
    return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & _MASK64) >> 32


def _int32(u):
    return u - (1 << 32) if u >= (1 << 31) else u


class JavaSplittableRandom:
    """java.util.SplittableRandom(seed) as of Java 17: the same numbers for the same seed."""

    def __init__(self, seed):
        self._seed = seed & _MASK64

    def _next_seed(self):
        self._seed = (self._seed + _GOLDEN_GAMMA) & _MASK64
        return self._seed

    def next_int(self, bound=None):
        """nextInt() without a bound; nextInt(bound) in [0, bound)."""
        r = _mix32(self._next_seed())
        if bound is None:
            return _int32(r)
        return self._bounded(r, bound)

    def next_int_between(self, origin, bound):
        """nextInt(origin, bound) in [origin, bound)."""
        return origin + self._bounded(_mix32(self._next_seed()), bound - origin)

    def _bounded(self, r, bound):
        if bound <= 0:
            raise ValueError("bound must be positive, got %d" % bound)
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = r >> 1
        while True:
            r = u % bound
            if u + m - r <= 0x7FFFFFFF:  # Java: the int sum did not overflow
                return r
            u = _mix32(self._next_seed()) >> 1

    def next_double(self):
        return (_mix64(self._next_seed()) >> 11) * (1.0 / (1 << 53))


def trial_random(seed, index):
    """The trial's random source, as TrialContext derives it from the run's seed and the index."""
    z = (seed + 0x9E3779B97F4A7C15 * (index + 1)) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return JavaSplittableRandom(z ^ (z >> 31))


class Trial:
    """The parsed arguments: start_method, profile (stress or not), seed, index, the trial's random
    source, and the shape's values given with --shape."""

    def __init__(self, args, given):
        self.start_method = args.start_method
        self.profile = args.profile
        self.stress = args.profile == "stress"
        self.seed = args.seed
        self.index = args.trial
        self.random = trial_random(args.seed, args.trial)
        self._given = given
        self._used = {}

    def dimension(self, name, value):
        """The value of one dimension of the shape: ``value`` (what the profile draws or fixes)
        unless --shape gives another. Ask once per dimension, with the Java scenario's names."""
        if name in self._used:
            raise ValueError("dimension %s is asked for twice in one trial" % name)
        chosen = self._given.get(name, value)
        self._used[name] = chosen
        return chosen


def parse_shape(text):
    """Reads name=value[,name=value...] (Shape.parse's form) into a dict; raises ValueError naming the bad part."""
    given = {}
    if not text or not text.strip():
        return given
    for part in text.split(","):
        name, eq, number = part.partition("=")
        name, number = name.strip(), number.strip()
        if not eq or not name or not number:
            raise ValueError("shape part '%s' is not name=value (e.g. elements=40)" % part.strip())
        try:
            value = int(number)
        except ValueError:
            raise ValueError("shape part '%s': %s is not an integer" % (part.strip(), number)) from None
        if value < 0:
            raise ValueError("shape dimension %s = %d is negative" % (name, value))
        given[name] = value
    return given


def parse(description, argv=None):
    """Parses the arguments every program takes and sets the start method; exits 2 on bad input."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--start-method", required=True, choices=["fork", "spawn"])
    parser.add_argument("--profile", default="default", choices=["default", "stress"])
    parser.add_argument("--seed", required=True, type=int)
    parser.add_argument("--trial", required=True, type=int)
    parser.add_argument("--shape", default="", help="name=value[,name=value...]: dimensions to replace")
    args = parser.parse_args(argv)
    if args.trial < 0:
        parser.exit(2, "error: --trial must be 0 or more, got %d\n" % args.trial)
    try:
        given = parse_shape(args.shape)
    except ValueError as e:
        parser.exit(2, "error: --shape: %s\n" % e)
    multiprocessing.set_start_method(args.start_method)
    return Trial(args, given)


def emit(key):
    """Prints the trial's one outcome line."""
    key = str(key)
    if not key.strip() or "\n" in key:
        raise ValueError("an outcome key is one non-blank line, got %r" % key)
    sys.stdout.write("outcome: " + key + "\n")
    sys.stdout.flush()


def kill_own(process):
    """SIGKILLs one process this program started (a multiprocessing.Process), by its pid, and reaps it."""
    if process.pid is not None and process.exitcode is None:
        os.kill(process.pid, signal.SIGKILL)
    if process.pid is not None:
        process.join(5)


def java_text(value):
    """How Java's String.valueOf shows a list of ints, strings and nulls: [42, null, hello]."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(java_text(v) for v in value) + "]"
    return str(value)


class Stopped(Exception):
    """A trial that cannot go on; its message is the outcome (as TrialChildren.Stopped in Java)."""


class Children:
    """The trial's children, like the Java TrialChildren: waits that notice a failed child, a deadline
    for the whole trial, and on close every child still alive is killed by pid and reaped."""

    SLICE = 0.05

    def __init__(self, patience):
        self.deadline = time.monotonic() + patience
        self.children = []
        self.killed = set()

    def start(self, name, target, args=()):
        child = multiprocessing.Process(name=name, target=target, args=args)
        child.start()
        self.children.append(child)
        return child

    def await_(self, q):
        while True:
            try:
                return q.get(timeout=self.SLICE)
            except queue.Empty:
                pass
            self.check_failures()
            if time.monotonic() > self.deadline:
                raise Stopped("hang: nothing arrived before the trial's deadline")

    def until(self, condition, what):
        while not condition():
            self.check_failures()
            if time.monotonic() > self.deadline:
                raise Stopped("hang: " + what + " by the trial's deadline")
            time.sleep(0.02)

    def sigkill(self, child):
        self.killed.add(child.name)
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        if child.exitcode is None:
            raise Stopped("hang: " + child.name + " still alive 10 s after kill -9")
        return child.exitcode

    def join_all(self):
        for child in self.children:
            while True:
                child.join(self.SLICE)
                if child.exitcode is not None:
                    break
                self.check_failures()
                if time.monotonic() > self.deadline:
                    raise Stopped("hang: " + child.name + " still running at the trial's deadline")
        self.check_failures()

    def check_failures(self):
        for child in self.children:
            if child.name in self.killed:
                continue
            if child.exitcode is not None and child.exitcode != 0:
                raise Stopped("child failed: %s exited with %d" % (child.name, child.exitcode))

    def close(self):
        for child in self.children:
            kill_own(child)


def map_order_check(expected, results):
    """Scenario 02's and 04's judge (MapOrderCheck): results are (value, pid, done_ns) in input order."""
    if len(results) != len(expected):
        return "missing results" if len(results) < len(expected) else "extra results"
    values = [r[0] for r in results]
    if values != expected:
        return "out of input order" if sorted(values) == sorted(expected) else "wrong values"
    if any(r[1] == os.getpid() for r in results):
        return "computed in the caller, not in workers"
    for i in range(1, len(results)):
        if results[i][2] < results[i - 1][2]:
            return "in input order, completion order differed"
    return "in input order, completion order same"
