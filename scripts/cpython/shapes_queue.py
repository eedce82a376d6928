"""CPython's side of the user-shapes suite's queue shapes: the layouts of ShapesQueueBenchmark
(reports/src/main/java/org/mproc/reports/bench/ShapesQueueBenchmark.java) with multiprocessing and
the fork start method, the same elements in the same numbers through the same capacities, written
as JMH's own JSON so that a report can pair each Java benchmark with its twin.

  shape here          what moves                                  Java twin (org.mproc.reports.bench.)
  oneToOne            1 producer child -> queue -> 1 consumer     ShapesQueueBenchmark.oneToOne
                      child, 10,000 Order records
  oneToTwo            1 producer -> 2 competing consumers,        ShapesQueueBenchmark.oneToTwo
                      10,000 records
  twoToTwo            2 producers -> 2 consumers, 10,000 records  ShapesQueueBenchmark.twoToTwo
  pipeline            2 producers -> queue -> 2 consumers ->      ShapesQueueBenchmark.pipeline
                      an unbounded results queue this process
                      reads, 10,000 records
  freshProducer1KiB   a producer process started in the           ShapesQueueBenchmark.freshProducer1KiB
                      operation -> this process, 20,000 x 1 KiB
  benchmark names: cpython.ShapesQueue.<shape>.fork; params: capacity = "1000" (maxsize 1000) or "0"
  (unbounded, maxsize=0 as in Java's capacity 0), workers (--workers, ignored as in Java: a shape
  needs its own number of children); thrpt, ops/s, one op = one record or message.

The queues are created by this process, as Java's are hosted by the benchmark's JVM; once per
trial here, since the children inherit them when they are forked (Java makes one per operation). The record is
a three-field dataclass, built as Java's Order.of builds it. Producers put their records, then one
None per consumer they serve; consumers take until None (in the pipeline a consumer puts each record
on, doubled, then its own Tally as its end mark). Every operation checks that each side counted
exactly n elements whose ids sum to n(n-1)/2, and raises otherwise: a benchmark that loses elements
fails (it is left out of the JSON and the script exits 1), it does not report a rate. A hang is
caught by scaling_bench's watchdog, which abandons the run after a long stall.

Children: the record shapes' producers and consumers are forked once per trial and kept, each with a
control pipe that hands it its role for one operation and brings back its Tally (Java uses a Pool of
as many workers as roles; a multiprocessing.Queue reaches a process only by inheritance when it
starts, never as a pool task's argument). freshProducer1KiB forks a new producer in every
operation, as Java starts a new JVM.

Measurement and JSON are scaling_bench's (imported, not copied): JMH's warm-up and measurement
iterations of fixed wall time, operations back to back, mean and 99.9% error as JMH computes them.
--quick is its quick mode (1 x 0.4 s warm-up, 3 x 0.5 s), the default its full mode (3 x 2 s, 5 x 2 s).

  python3 scripts/cpython/shapes_queue.py --quick --json /tmp/shapes-queue.json
  scripts/cpython/shapes-queue --quick --json FILE     (says so plainly when python3 is missing)
"""
import argparse
import multiprocessing as mp
import platform
import sys
from collections import namedtuple
from dataclasses import dataclass

sys.dont_write_bytecode = True  # no __pycache__ left in scripts/cpython by the import below
import scaling_bench as jmh  # noqa: E402
import shapes_runner  # noqa: E402

RECORDS = 10_000  # ShapesQueueBenchmark.RECORDS
MESSAGES = 20_000  # ShapesQueueBenchmark.MESSAGES
MESSAGE_BYTES = 1024  # the id in the first 8 bytes, little-endian, as ShapeTasks.bytesProducer
CAPACITIES = (1000, 0)
STALL_SECONDS = 60  # a child's answer waited for this long: the run is lost (QueueShapes.STALL)


@dataclass
class Order:
    id: int
    item: str
    amount: float


def order(i):
    """The record with id i, as Java's Order.of."""
    return Order(i, "item-%d" % (i % 100), i * 0.5)


Tally = namedtuple("Tally", "count id_sum")  # what one side saw; Java's Tally


def expected(n):
    return Tally(n, n * (n - 1) // 2)


def require(tally, n, side):
    if tally != expected(n):
        raise RuntimeError("%s saw %d elements with id sum %d, expected %d with id sum %d: the queue lost or "
                           "duplicated elements" % ((side,) + tuple(tally) + tuple(expected(n))))


def total(tallies):
    tallies = list(tallies)
    return Tally(sum(t.count for t in tallies), sum(t.id_sum for t in tallies))


# Producers never outnumber consumers: each producer puts at least one sentinel after its records
# (QueueShapes.Shape refuses the other case), so the last sentinel taken comes after every record.
Shape = namedtuple("Shape", "producers consumers results")
SHAPES = {
    "oneToOne": Shape(1, 1, False),
    "oneToTwo": Shape(1, 2, False),
    "twoToTwo": Shape(2, 2, False),
    "pipeline": Shape(2, 2, True),
}


# ---- the roles, in the children ----------------------------------------------------------------

def produce(work, results, index, producers, n, sentinels):
    """Puts the records whose id is index modulo producers, of ids 0 .. n-1, then `sentinels` Nones."""
    count = id_sum = 0
    put = work.put
    for i in range(index, n, producers):
        put(order(i))
        count += 1
        id_sum += i
    for _ in range(sentinels):
        put(None)
    return Tally(count, id_sum)


def consume(work, results):
    """Takes records until None; in the pipeline puts each on, doubled, and its Tally last."""
    count = id_sum = 0
    get = work.get
    while True:
        o = get()
        if o is None:
            break
        if results is not None:
            results.put(Order(o.id, o.item, o.amount * 2))
        count += 1
        id_sum += o.id
    taken = Tally(count, id_sum)
    if results is not None:
        results.put(taken)
    return taken


def ping(work, results):
    return None


ROLES = {"produce": produce, "consume": consume, "ping": ping}


def child(control, work, results):
    """A long-lived child: runs the role each command names and answers its result; None ends it."""
    while True:
        command = control.recv()
        if command is None:
            return
        role, args = command
        try:
            control.send(("ok", ROLES[role](work, results, *args)))
        except BaseException as e:  # the parent fails the benchmark with it
            control.send(("failed", "%s: %r" % (role, e)))


def produce_messages(queue, n):
    """The fresh producer: n messages of MESSAGE_BYTES bytes, ids 0 .. n-1."""
    pad = bytes(MESSAGE_BYTES - 8)
    put = queue.put
    for i in range(n):
        put(i.to_bytes(8, "little") + pad)


# ---- this process's side ------------------------------------------------------------------------

class Child:
    def __init__(self, ctx, work, results):
        self.control, there = ctx.Pipe()
        self.process = ctx.Process(target=child, args=(there, work, results), daemon=True)
        self.process.start()

    def order(self, role, *args):
        self.control.send((role, args))

    def answer(self):
        if not self.control.poll(STALL_SECONDS):
            raise RuntimeError("a producer or consumer made no progress for %d s: an element or a sentinel "
                               "was lost" % STALL_SECONDS)
        status, value = self.control.recv()
        if status != "ok":
            raise RuntimeError("a producer or consumer failed: " + value)
        return value

    def stop(self):
        self.control.send(None)
        self.process.join(30)


def read_results(results, consumers):
    """Reads records until every consumer's end mark (its Tally) has come."""
    count = id_sum = ended = 0
    get = results.get
    while ended < consumers:
        x = get()
        if isinstance(x, Order):
            count += 1
            id_sum += x.id
        else:
            ended += 1
    return Tally(count, id_sum)


def shape_setup(shape, capacity):
    def setup():
        ctx = mp.get_context("fork")
        work = ctx.Queue(capacity)
        results = ctx.Queue() if shape.results else None
        consumers = [Child(ctx, work, results) for _ in range(shape.consumers)]
        producers = [Child(ctx, work, results) for _ in range(shape.producers)]
        for c in consumers + producers:  # every child is up
            c.order("ping")
            c.answer()

        def op():
            for c in consumers:
                c.order("consume")
            for p, c in enumerate(producers):
                sentinels = shape.consumers // shape.producers + (1 if p < shape.consumers % shape.producers else 0)
                c.order("produce", p, shape.producers, RECORDS, sentinels)
            if results is not None:
                require(read_results(results, shape.consumers), RECORDS, "this process, reading the results")
            require(total(c.answer() for c in producers), RECORDS, "the producers")
            require(total(c.answer() for c in consumers), RECORDS, "the consumers")

        def teardown():
            for c in consumers + producers:
                c.stop()
            work.close()
            if results is not None:
                results.close()
        return op, RECORDS, teardown
    return setup


def fresh_producer_setup(capacity):
    def setup():
        ctx = mp.get_context("fork")
        queue = ctx.Queue(capacity)

        def op():
            producer = ctx.Process(target=produce_messages, args=(queue, MESSAGES), daemon=True)
            producer.start()
            id_sum = 0
            get = queue.get
            for _ in range(MESSAGES):
                id_sum += int.from_bytes(get()[:8], "little")
            producer.join(STALL_SECONDS)
            if producer.exitcode != 0:
                raise RuntimeError("the fresh producer did not exit cleanly: exit code %s" % producer.exitcode)
            require(Tally(MESSAGES, id_sum), MESSAGES, "this process, taking the fresh producer's messages")
        return op, MESSAGES, queue.close
    return setup


def suite(workers):
    out = []
    for name in ("freshProducer1KiB",) + tuple(SHAPES):  # JMH's order: methods alphabetically
        for capacity in CAPACITIES:
            setup = fresh_producer_setup(capacity) if name == "freshProducer1KiB" else shape_setup(SHAPES[name], capacity)
            out.append(("cpython.ShapesQueue.%s.fork" % name, {"capacity": str(capacity), "workers": str(workers)},
                        "thrpt", "ops/s", 1, setup))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="the JSON file to write (JMH's shape)")
    parser.add_argument("--quick", action="store_true", help="few short iterations (as JMH's -wi 1 -i 3 -r 500ms)")
    parser.add_argument("--only", help="run only the benchmarks whose name contains this")
    parser.add_argument("--workers", type=int, default=2, help="the workers param to record (ignored, as in Java)")
    args = parser.parse_args()
    if sys.version_info < (3, 8):
        print("python3 %s is too old (the shapes suite needs 3.8 or later): CPython baselines skipped"
              % platform.python_version())
        return 0
    mode = "quick" if args.quick else "full"
    progress = jmh.Progress("cpython shapes")
    progress.say("CPython %s, %s mode, queue shapes with fork" % (platform.python_version(), mode))
    progress.start()
    specs = [s for s in suite(args.workers) if not args.only or args.only in s[0]]
    results, failed = [], []
    for i, spec in enumerate(specs, 1):
        try:
            results.append(jmh.run_one(progress, i, len(specs), spec, jmh.MODES[mode]))
        except Exception as e:  # a failed benchmark is left out, as JMH does, and reported
            failed.append("%s %s" % (spec[0], spec[1]))
            progress.say("    FAILED %s %s: %s" % (spec[0], spec[1], e))
    progress.stop.set()
    if args.json:
        shapes_runner.write_json(args.json, results, progress, "benchmarks")
    if failed:
        progress.say("FAILED: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
