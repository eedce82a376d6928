"""Scenario 03 in CPython: one child hands a list to another through a Queue neither created.

As Scenario03QueueSharing (default profile): the producer puts [42, None, "hello"], the consumer
takes it and sends it to the parent as Java's String.valueOf would show it ("[42, null, hello]"),
so the key is comparable with the Java table's.
"""
import multiprocessing

import _common

PATIENCE = 30.0


def producer(q):
    q.put([42, None, "hello"])


def consumer(q, report):
    report.put(_common.java_text(q.get()))


def main():
    _common.parse(__doc__)
    q = multiprocessing.Queue()
    report = multiprocessing.Queue()
    children = _common.Children(PATIENCE)
    try:
        children.start("producer", producer, (q,))
        children.start("consumer", consumer, (q, report))
        got = children.await_(report)
        children.join_all()
        _common.emit("a blank list text" if not got.strip() else got.replace("\n", "\\n"))
    except _common.Stopped as e:
        _common.emit(str(e))
    finally:
        children.close()


if __name__ == "__main__":
    main()
