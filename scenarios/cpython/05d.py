"""Scenario 05d in CPython: four processes count words into one manager dict.

As Scenario05dWordCount (default profile): 100 + nextInt(41) words over the first 12 of the
vocabulary, skewed (u cubed), drawn from the trial's random source exactly as in Java; four
contiguous shares. Each child waits at a manager Barrier(4), then counts its share with CPython's
idiom ``d[w] = d.get(w, 0) + 1``: a read and a write, two calls to the server, so counts get lost
when two children count the same word at once. There is no atomic merge on a CPython dict proxy.
"""
import multiprocessing

import _common

CHILDREN = 4
PATIENCE = 30.0
GATE = 20.0
VOCABULARY = [
    "the", "of", "and", "a", "to", "in", "is", "process", "queue", "pool", "manager", "lock",
    "value", "shared", "child", "parent", "pipe", "barrier", "event", "worker", "task", "map",
    "count", "word", "dict", "merge", "server", "proxy", "list", "sum", "key", "text",
    "share", "start", "join", "kill", "signal", "result", "order", "round"]


def text(random):
    length = 100 + random.next_int(41)
    words = []
    for _ in range(length):
        u = random.next_double()
        words.append(VOCABULARY[int(12 * u * u * u)])
    return words


def shares(words):
    size = len(words) // CHILDREN
    return [words[i * size:(len(words) if i == CHILDREN - 1 else (i + 1) * size)] for i in range(CHILDREN)]


def count_share(counts, gate, share):
    gate.wait(GATE)
    for w in share:
        counts[w] = counts.get(w, 0) + 1


def judge(expected, shared):
    words = sorted(set(expected) | set(shared))
    off = lost = extra = 0
    for w in words:
        want = expected.get(w, 0)
        have = shared.get(w, 0)
        if have != want:
            off += 1
            lost += max(0, want - have)
            extra += max(0, have - want)
    if off == 0:
        return "exact"
    return "%d of %d words miscounted: %d counts lost, %d extra" % (off, len(words), lost, extra)


def main():
    trial = _common.parse(__doc__)
    words = text(trial.random)
    expected = {}
    for w in words:
        expected[w] = expected.get(w, 0) + 1
    with multiprocessing.Manager() as mgr:
        counts = mgr.dict()
        gate = mgr.Barrier(CHILDREN)
        children = _common.Children(PATIENCE)
        try:
            for share in shares(words):
                children.start("counter", count_share, (counts, gate, share))
            children.join_all()
            _common.emit(judge(expected, dict(counts)))
        except _common.Stopped as e:
            _common.emit(str(e))
        finally:
            children.close()


if __name__ == "__main__":
    main()
