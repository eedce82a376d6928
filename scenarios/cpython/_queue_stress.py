"""Scenario 03's stress shape in CPython, and the harness's queue judgement ported to Python.

What org.mproc.scenarios.trial.QueueStressTrial does, with a multiprocessing.Queue where Java puts
and takes through the QueueSubject (mproc's ProcessQueue): PRODUCERS producer children put
ELEMENTS distinct elements in all ("p<producer>#<i>:<payload>", the payload 0 to PAYLOAD random
letters), CONSUMERS consumer children take them, every call recorded in a QueueHistory; once the
producers have exited the parent puts one end marker per consumer, and the merged history is
judged as org.mproc.harness.TotalQueueChecker judges it (loss, duplicates, elements never put, and
FIFO per pair of producing and consuming thread), with QueueStressTrial's keys.

The recording follows org.mproc.harness.QueueHistory: an invocation before each call and a
completion after it returns, each event (seq, call, type, phase, process, thread, has_value, value,
nanos) with time.monotonic_ns() (CLOCK_MONOTONIC, one clock for every process of the machine, as
System.nanoTime() is in Java), never going back along seq; the process is "pid<pid>", the thread
"<name>#<ident>". Histories are merged as QueueHistoryMerge merges them (by time, then part, then
seq; call ids renumbered per part) and paired as QueueCalls pairs them.

One difference is CPython's and is the point: Queue.put returns once the element is in the
producer's buffer, before the feeder thread has written it to the pipe; "acknowledged" here means
what a CPython caller is told, that put returned.
"""
import multiprocessing
import os
import threading
import time

import _common

PRODUCERS = 2
CONSUMERS = 2
ELEMENTS = 5_000
PAYLOAD = 23
VALID = "delivered exactly once, FIFO per producer"
END = "end#"
PATIENCE = 30.0

PUT, TAKE = "PUT", "TAKE"
INVOKE, OK, FAIL, INFO = "INVOKE", "OK", "FAIL", "INFO"
_NEVER = float("inf")  # QueueCall.completeSeq of a call never completed (Java: Long.MAX_VALUE)


class QueueHistory:
    """org.mproc.harness.QueueHistory: an append-only record of invocations and completions."""

    def __init__(self):
        self._ops = []
        self._next_seq = 0
        self._next_call = 0
        self._last_nanos = None
        self._lock = threading.Lock()

    def ops(self):
        with self._lock:
            return list(self._ops)

    def invoke_put(self, value):
        return _Pending(self, self._append(None, PUT, INVOKE, True, value))

    def invoke_take(self):
        return _Pending(self, self._append(None, TAKE, INVOKE, False, None))

    def _append(self, call, kind, phase, has_value, value, process=None, thread=None):
        with self._lock:
            if call is None:
                call = self._next_call
                self._next_call += 1
            if process is None:
                process = "pid%d" % os.getpid()
                t = threading.current_thread()
                thread = "%s#%d" % (t.name, t.ident)
            now = time.monotonic_ns()
            self._last_nanos = now if self._last_nanos is None else max(self._last_nanos, now)
            op = (self._next_seq, call, kind, phase, process, thread, has_value, value, self._last_nanos)
            self._next_seq += 1
            self._ops.append(op)
            return op


class _Pending:
    """A call invoked and not yet completed (QueueHistory.PendingPut / PendingTake)."""

    def __init__(self, history, invocation):
        self._history = history
        self._invocation = invocation
        self._completed = False

    def _complete(self, phase, has_value, value):
        if self._completed:
            raise RuntimeError("call %d was already completed" % self._invocation[1])
        self._completed = True
        inv = self._invocation
        self._history._append(inv[1], inv[2], phase, has_value, value, inv[4], inv[5])

    def ok(self, *value):
        """A put returned (no argument), or a take returned ``value``."""
        if self._invocation[2] == PUT:
            self._complete(OK, False, None)
        else:
            self._complete(OK, True, value[0])

    def fail(self):
        self._complete(FAIL, False, None)

    def info(self):
        self._complete(INFO, False, None)


class QueueCall:
    """org.mproc.harness.QueueCall: an invocation paired with its completion."""

    __slots__ = ("id", "type", "process", "thread", "outcome", "has_value", "value", "invoke_seq", "complete_seq")

    def __init__(self, id_, type_, process, thread, outcome, has_value, value, invoke_seq, complete_seq):
        self.id, self.type, self.process, self.thread = id_, type_, process, thread
        self.outcome, self.has_value, self.value = outcome, has_value, value
        self.invoke_seq, self.complete_seq = invoke_seq, complete_seq

    def actor(self):
        return self.process + "/" + self.thread

    def precedes(self, other):
        return self.complete_seq < other.invoke_seq


def _value_fits_phase(op):
    needs_value = op[3] == INVOKE if op[2] == PUT else op[3] == OK
    return op[6] == needs_value


def pair(ops):
    """QueueCalls.pair: the calls of ``ops`` in order of invocation; ValueError if malformed."""
    invocations = []
    invoked = {}
    completed = {}
    previous = None
    for op in ops:
        if previous is not None and (op[0] <= previous[0] or op[8] < previous[8]):
            raise ValueError("malformed queue history: %r comes after %r but its seq or nanos is smaller" % (op, previous))
        previous = op
        if not _value_fits_phase(op):
            raise ValueError("malformed queue history: %r %s" % (op, "carries a value it cannot have" if op[6] else "lacks its value"))
        if op[3] == INVOKE:
            if op[1] in invoked:
                raise ValueError("malformed queue history: %r reuses a call id" % (op,))
            invoked[op[1]] = op
            invocations.append(op)
            continue
        inv = invoked.get(op[1])
        if inv is None:
            raise ValueError("malformed queue history: %r completes a call that was never invoked" % (op,))
        if inv[2] != op[2] or inv[4] != op[4] or inv[5] != op[5]:
            raise ValueError("malformed queue history: %r does not match its invocation %r" % (op, inv))
        if op[1] in completed:
            raise ValueError("malformed queue history: %r completes a call already completed" % (op,))
        completed[op[1]] = op
    calls = []
    for inv in invocations:
        out = completed.get(inv[1])
        outcome = INFO if out is None else out[3]
        carrier = inv if inv[6] else out
        has_value = carrier is not None and carrier[6]
        calls.append(QueueCall(inv[1], inv[2], inv[4], inv[5], outcome, has_value,
                               carrier[7] if has_value else None, inv[0], _NEVER if out is None else out[0]))
    return calls


def merge(parts):
    """QueueHistoryMerge.merge: one history of ``parts`` (lists of ops), ordered by time, then part, then seq."""
    tagged = []
    part_of_process = {}
    for i, ops in enumerate(parts):
        for op in ops:
            owner = part_of_process.setdefault(op[4], i)
            if owner != i:
                raise ValueError("process %s is in parts %d and %d of the merge" % (op[4], owner, i))
            tagged.append((op[8], i, op[0], op))
    tagged.sort(key=lambda t: (t[0], t[1], t[2]))
    call_ids = [{} for _ in parts]
    merged = []
    next_id = 0
    for _, part, _, op in tagged:
        ids = call_ids[part]
        id_ = ids.get(op[1])
        if id_ is None:
            id_ = next_id
            next_id += 1
            ids[op[1]] = id_
        merged.append((len(merged), id_) + tuple(op[2:]))
    pair(merged)
    return merged


class ValueCounts:
    """org.mproc.harness.ValueCounts: a multiset in order of first appearance."""

    def __init__(self):
        self.counts = {}

    def add(self, value):
        self.counts[value] = self.counts.get(value, 0) + 1

    def count(self, value):
        return self.counts.get(value, 0)

    def size(self):
        return sum(self.counts.values())

    def _combine(self, rule, other):
        result = ValueCounts()
        for value, mine in self.counts.items():
            n = rule(mine, other.count(value))
            if n > 0:
                result.counts[value] = n
        return result

    def min(self, other):
        return self._combine(lambda mine, theirs: min(mine, theirs), other)

    def minus(self, other):
        return self._combine(lambda mine, theirs: mine - theirs, other)

    def absent_from(self, other):
        return self._combine(lambda mine, theirs: mine if theirs == 0 else 0, other)


def fifo_check(calls):
    """FifoCheck.check: (violations, unchecked), each violation (producer, consumer, first, second)."""
    attempts = ValueCounts()
    first_take = {}
    for c in calls:
        if c.type == PUT:
            attempts.add(c.value)
        elif c.outcome == OK:
            known = first_take.get(c.value)
            if known is None or c.complete_seq < known.complete_seq:
                first_take[c.value] = c
    groups = {}
    unchecked = 0
    for put in calls:
        take = first_take.get(put.value) if put.type == PUT else None
        if take is None:
            continue
        if attempts.count(put.value) > 1:
            unchecked += 1
            continue
        groups.setdefault((put.actor(), take.actor()), []).append((put, take))
    violations = []
    for actors, deliveries in groups.items():
        violations.extend(_in_order(actors, deliveries))
    return violations, unchecked


def _in_order(actors, deliveries):
    by_ack = sorted((d for d in deliveries if d[0].outcome == OK), key=lambda d: d[0].complete_seq)
    violations = []
    latest = None
    nxt = 0
    for b in deliveries:
        while nxt < len(by_ack) and by_ack[nxt][0].precedes(b[0]):
            a = by_ack[nxt]
            nxt += 1
            if latest is None or a[1].invoke_seq > latest[1].invoke_seq:
                latest = a
        if latest is not None and b[1].precedes(latest[1]):
            violations.append((actors[0], actors[1], latest[0].value, b[0].value))
    return violations


class TotalQueueResult:
    """What TotalQueueChecker.check found, with the counts QueueStressTrial.judge reads."""

    def __init__(self, drained, acknowledged, lost, duplicated, unexpected, fifo_violations):
        self.drained = drained
        self.acknowledged = acknowledged
        self.lost_count = lost.size()
        self.duplicated_count = duplicated.size()
        self.unexpected_count = unexpected.size()
        self.fifo_violations = fifo_violations

    def valid(self):
        return ((not self.drained or self.lost_count == 0) and self.duplicated_count == 0
                and self.unexpected_count == 0 and not self.fifo_violations)


def check(history_ops, drained=True):
    """TotalQueueChecker.check (drained) on a merged history."""
    calls = pair(history_ops)
    attempts = ValueCounts()
    acknowledged = ValueCounts()
    taken = ValueCounts()
    for c in calls:
        if c.type == PUT:
            attempts.add(c.value)
            if c.outcome == OK:
                acknowledged.add(c.value)
        elif c.outcome == OK:
            taken.add(c.value)
    unexpected = taken.absent_from(attempts)
    duplicated = taken.minus(attempts).minus(unexpected)
    violations, _ = fifo_check(calls)
    return TotalQueueResult(drained, acknowledged.size(), acknowledged.minus(taken), duplicated, unexpected, violations)


def judge(result):
    """QueueStressTrial.judge: the outcome key of a TotalQueueResult."""
    if result.valid():
        return VALID
    parts = []
    if result.lost_count > 0:
        parts.append("lost %d of %d acknowledged elements" % (result.lost_count, result.acknowledged))
    if result.duplicated_count > 0:
        parts.append("duplicated %d elements" % result.duplicated_count)
    if result.unexpected_count > 0:
        parts.append("took %d elements never put" % result.unexpected_count)
    if result.fifo_violations:
        parts.append("out of producer order (%d reversals)" % len(result.fifo_violations))
    return "; ".join(parts)


def elements(producer, count, max_payload, random):
    """QueueStressTrial.elements: distinct values, drawn in Java's order."""
    out = []
    for i in range(count):
        length = random.next_int(max_payload + 1)
        payload = "".join(chr(ord("a") + random.next_int(26)) for _ in range(length))
        out.append("p%d#%d:%s" % (producer, i, payload))
    return out


def produce(queue, mine, histories):
    history = QueueHistory()
    for e in mine:
        put = history.invoke_put(e)
        queue.put(e)
        put.ok()
    histories.put(history.ops())


def consume(queue, histories):
    history = QueueHistory()
    while True:
        take = history.invoke_take()
        got = queue.get()
        take.ok(got)
        if got is not None and got.startswith(END):
            break
    histories.put(history.ops())


def end_markers(queue, consumers):
    """After the producers have exited: one marker per consumer, put and recorded by the parent."""
    history = QueueHistory()
    for c in range(consumers):
        marker = END + str(c)
        put = history.invoke_put(marker)
        queue.put(marker)
        put.ok()
    return history.ops()


def join_some(children, some):
    """TrialChildren.join(some): each of ``some`` exits with 0 (and no other child fails), by the deadline."""
    for child in some:
        while True:
            child.join(children.SLICE)
            if child.exitcode is not None:
                break
            children.check_failures()
            if time.monotonic() > children.deadline:
                raise _common.Stopped("hang: " + child.name + " still running at the trial's deadline")
    children.check_failures()


def _checked(ops):
    """A child's history, refused if malformed (QueueHistory.of)."""
    pair(ops)
    return ops


def run(trial):
    """One stress trial (QueueStressTrial.run); returns the outcome key."""
    n_elements = trial.dimension("elements", ELEMENTS)
    producer_count = trial.dimension("producers", PRODUCERS)
    consumers = trial.dimension("consumers", CONSUMERS)
    payload = trial.dimension("payload", PAYLOAD)
    queue = multiprocessing.Queue()
    histories = multiprocessing.Queue()
    children = _common.Children(PATIENCE)
    try:
        for c in range(consumers):
            children.start("consumer-%d" % c, consume, (queue, histories))
        producers = []
        share = n_elements // producer_count
        for p in range(producer_count):
            count = n_elements - share * (producer_count - 1) if p == producer_count - 1 else share
            mine = elements(p, count, payload, trial.random)
            producers.append(children.start("producer-%d" % p, produce, (queue, mine, histories)))
        # Consumers report only after taking a marker, so the first histories are the producers'.
        # A producer exits only once its feeder thread has written every element to the pipe, so
        # once both have exited every element is in the pipe, ahead of the markers put after.
        parts = [_checked(children.await_(histories)) for _ in range(producer_count)]
        join_some(children, producers)
        parts.append(end_markers(queue, consumers))
        for _ in range(consumers):
            parts.append(_checked(children.await_(histories)))
        children.join_all()
        if queue.qsize() > 0:
            return "elements left in the queue after the end markers"
        return judge(check(merge(parts)))
    except _common.Stopped as e:
        return str(e)
    finally:
        children.close()
        # The markers are taken by now unless the trial stopped; then nothing may wait to flush them.
        for q in (queue, histories):
            q.close()
            q.cancel_join_thread()
