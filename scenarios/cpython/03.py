"""Scenario 03 in CPython: one child hands a list to another through a Queue neither created.

As Scenario03QueueSharing. Default profile: the producer puts [42, None, "hello"], the consumer
takes it and sends it to the parent as Java's String.valueOf would show it ("[42, null, hello]"),
so the key is comparable with the Java table's.

Stress profile (_queue_stress.py, as QueueStressTrial): the dimensions elements (5,000), producers
(2), consumers (2) and payload (23) are asked in that order; the consumers start, then each
producer, its elements drawn just before it starts ("p<p>#<i>:<letters>", a length nextInt(24)
then that many nextInt(26)), puts its share through one multiprocessing.Queue (Java: the
QueueSubject, mproc's ProcessQueue.put/take), recording every call; once both producers have sent
their histories and exited, the parent puts one end marker per consumer, collects the consumers'
histories, checks that qsize() is 0, and judges the merged history as TotalQueueChecker does:
``delivered exactly once, FIFO per producer`` or what was lost, duplicated, never put or reordered.
CPython's put returns once the element is in the producer's buffer, before its feeder thread
writes it: that is what "acknowledged" means here.
"""
import multiprocessing

import _common
import _queue_stress

PATIENCE = 30.0


def producer(q):
    q.put([42, None, "hello"])


def consumer(q, report):
    report.put(_common.java_text(q.get()))


def main():
    trial = _common.parse(__doc__)
    if trial.stress:
        _common.emit(_queue_stress.run(trial))
        return
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
