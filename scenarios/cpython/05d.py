"""Scenario 05d in CPython: four processes count words into one manager dict.

As Scenario05dWordCount. The text is drawn from the trial's random source exactly as in Java: its
length first, then one double per word, a word of the first ``vocabulary`` words of the list picked
skewed (u cubed) so a few are frequent. Default profile: 100 + nextInt(41) words over 12. Stress
profile: 1200 + nextInt(801) words over all 40. In both, as in Java, the dimensions ``words`` (the
length drawn), ``vocabulary`` and ``processes`` (4) are asked in that order, after the length is
drawn and before the words are. The text is cut into ``processes`` contiguous shares, the last
taking the remainder. Each child waits at a manager Barrier of the ``processes``, then counts its
share with CPython's idiom ``d[w] = d.get(w, 0) + 1``: a read and a write, two calls to the server,
so counts get lost when two children count the same word at once. There is no atomic merge on a
CPython dict proxy (Java's ``merge(word, 1, Integer::sum)``). The key is ``exact`` or
``n of w words miscounted: l counts lost, e extra``, the same under both profiles.
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


def drawn_length(random, stress):
    return 1200 + random.next_int(801) if stress else 100 + random.next_int(41)


def words(random, length, distinct):
    """``length`` words over the first ``distinct`` of the vocabulary, skewed (u cubed): hot keys."""
    drawn = []
    for _ in range(length):
        u = random.next_double()
        drawn.append(VOCABULARY[int(distinct * u * u * u)])
    return drawn


def shares(text, n):
    size = len(text) // n
    return [text[i * size:(len(text) if i == n - 1 else (i + 1) * size)] for i in range(n)]


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
    length = trial.dimension("words", drawn_length(trial.random, trial.stress))
    distinct = trial.dimension("vocabulary", len(VOCABULARY) if trial.stress else 12)
    processes = trial.dimension("processes", CHILDREN)
    text = words(trial.random, length, distinct)
    expected = {}
    for w in text:
        expected[w] = expected.get(w, 0) + 1
    with multiprocessing.Manager() as mgr:
        counts = mgr.dict()
        gate = mgr.Barrier(processes)
        children = _common.Children(PATIENCE)
        try:
            for share in shares(text, processes):
                children.start("counter", count_share, (counts, gate, share))
            children.join_all()
            _common.emit(judge(expected, dict(counts)))
        except _common.Stopped as e:
            _common.emit(str(e))
        finally:
            children.close()


if __name__ == "__main__":
    main()
