"""Scenario 03f in CPython: a Pipe whose peer is SIGKILLed while the reader waits in recv.

As Scenario03fPipePeerKilled. Default profile: k = 1 + nextInt(10) values, each nextInt(), drawn
from the trial's random source as in Java, and the kill comes once the reader has taken all k.
Stress profile: k = 200 + nextInt(1801) values, each nextInt(), then j = nextInt(k + 1), and the
kill comes once the reader has taken j of them (or after PROGRESS), so it can land with values
still on their way (in CPython they wait in the pipe's kernel buffer: 2,000 pickled ints fit in its
64 KiB, so the child's sends never wait for room, unlike mproc's). The child sends them on its end
of a Pipe(), says so on a Queue, then waits in recv. A reader thread in the parent receives; the
parent SIGKILLs the child by pid. The parent keeps its copy of the child's end, as the Pipe example
in CPython's documentation does, so the stream ends only if every copy is closed: recv waits on.
After DEATH_SEEN without an end the key is ``hang: recv still waiting 3 s after the peer's death``
(3 s, not Java's 8 s, so that the program answers before the runner's trial timeout).
EOFError plays the part of Java's EOFException.
"""
import multiprocessing
import threading
import time

import _common

PATIENCE = 15.0
PROGRESS = 5.0
DEATH_SEEN = 3.0


def send_then_wait(end, values, sent):
    for v in values:
        end.send(v)
    sent.put(len(values))
    end.recv()


class Reader:
    def __init__(self, end):
        self.end = end
        self.values = []
        self.ended = None
        self.done = threading.Event()
        threading.Thread(target=self._run, daemon=True, name="reader").start()

    def _run(self):
        try:
            while True:
                self.values.append(self.end.recv())
        except BaseException as e:  # noqa: BLE001 - how the stream ended is the observation
            self.ended = e
            self.done.set()

    def await_taken(self, n, timeout):
        deadline = time.monotonic() + timeout
        while len(self.values) < n and time.monotonic() < deadline and not self.done.is_set():
            time.sleep(0.01)


def judge(sent, received, ended):
    balance = {}
    for v in sent:
        balance[v] = balance.get(v, 0) + 1
    for v in received:
        balance[v] = balance.get(v, 0) - 1
    lost = sum(max(0, n) for n in balance.values())
    extra = sum(max(0, -n) for n in balance.values())
    wrong = []
    if lost:
        wrong.append("lost %d of %d values" % (lost, len(sent)))
    if extra:
        wrong.append("received %d %s never sent (or twice)" % (extra, "value" if extra == 1 else "values"))
    if wrong:
        return "; ".join(wrong)
    if received != sent:
        return "values out of order"
    if not isinstance(ended, EOFError):
        return "recv threw %s instead of EOFException" % type(ended).__name__
    return "every value sent before the death, in order, then EOFException"


def main():
    trial = _common.parse(__doc__)
    k = 200 + trial.random.next_int(1801) if trial.stress else 1 + trial.random.next_int(10)
    values = [trial.random.next_int() for _ in range(k)]
    kill_after = trial.random.next_int(k + 1) if trial.stress else k
    ours, theirs = multiprocessing.Pipe()
    sent = multiprocessing.Queue()
    reader = Reader(ours)
    children = _common.Children(PATIENCE)
    try:
        peer = children.start("peer", send_then_wait, (theirs, values, sent))
        children.await_(sent)
        reader.await_taken(kill_after, PROGRESS)  # taken or not, the peer dies now: a loss shows below
        code = children.sigkill(peer)
        if not reader.done.wait(DEATH_SEEN):
            _common.emit("hang: recv still waiting %d s after the peer's death" % DEATH_SEEN)
            return
        key = judge(values, reader.values, reader.ended)
        if code != -9 and key.startswith("every value"):
            key = "child failed: the peer exited with %d, not -9 (SIGKILL)" % code
        _common.emit(key)
    except _common.Stopped as e:
        _common.emit(str(e))
    finally:
        children.close()


if __name__ == "__main__":
    main()
