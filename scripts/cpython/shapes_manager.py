"""CPython's twins of the user-shapes suite's manager half (reports: ShapesManagerBenchmark), with
multiprocessing's fork start method, written as JMH's JSON so a report can show mproc's ratio.

  JMH: ShapesManagerBenchmark.<shape>  twin: cpython.ShapesManager.<shape>.fork   unit   one op
  get                           value.get() on a Manager().Value('i', 7), from      us/op  one get
                                this process
  set                           value.set(7)                                        us/op  one set
  lockUnlock                    lock.acquire(); lock.release() on a Manager().Lock()  us/op  both
  lockedIncrementFrom4Workers   Pool(4).map over 4 tasks of 250 increments each,    us/op  one
                                each `with lock: counter.set(counter.get() + 1)`           increment
                                on shared proxies; the count must come out exact

Same sizes and units as the Java side; every twin checks what it did (the value is still 7 and the
lock free at the end; the counter moved by exactly 1,000 per operation). `workers` is recorded for
the suite's pairing and ignored, as on the Java side.

Run through scripts/cpython/shapes-baseline, which says so plainly when python3 is missing, or:
  python3 scripts/cpython/shapes_manager.py [--quick] [--json FILE] [--only SHAPE]
"""
import functools
import multiprocessing as mp
import sys

import shapes_runner

FORK = mp.get_context("fork")
VALUE = 7
INCREMENTERS = 4
INCREMENTS = 1_000


def square(x):
    return x * x


def locked_increments(lock, counter, n):
    """What each of the four pool tasks runs: n increments, each lock, get, set(+1), unlock."""
    for _ in range(n):
        with lock:
            counter.set(counter.get() + 1)
    return n


def value_setup(make_op):
    def setup():
        manager = FORK.Manager()
        value = manager.Value("i", VALUE)
        lock = manager.Lock()

        def teardown():
            try:
                if value.get() != VALUE:
                    raise RuntimeError("the shared value is %r, not %d" % (value.get(), VALUE))
                if not lock.acquire(False):
                    raise RuntimeError("the lock is still held after acquire, release")
                lock.release()
            finally:
                manager.shutdown()
        return make_op(value, lock), 1, teardown
    return setup


def get_op(value, lock):
    def op():
        v = value.get()
        if v != VALUE:
            raise RuntimeError("get returned %r, not %d" % (v, VALUE))
    return op


def set_op(value, lock):
    return lambda: value.set(VALUE)


def lock_unlock_op(value, lock):
    def op():
        lock.acquire()
        lock.release()
    return op


def increment_setup():
    manager = FORK.Manager()
    counter = manager.Value("i", 0)
    lock = manager.Lock()
    pool = FORK.Pool(INCREMENTERS)
    pool.map(square, range(4 * INCREMENTERS), 1)  # every worker is up
    task = functools.partial(locked_increments, lock, counter)
    shares = [INCREMENTS // INCREMENTERS] * INCREMENTERS

    def op():
        before = counter.get()
        done = pool.map(task, shares, 1)
        after = counter.get()
        if after - before != INCREMENTS or sum(done) != INCREMENTS:
            raise RuntimeError("%d locked increments moved the counter from %d to %d"
                               % (INCREMENTS, before, after))

    def teardown():
        pool.close()
        pool.join()
        manager.shutdown()
    return op, INCREMENTS, teardown


def suite(workers):
    w = {"workers": str(workers)}
    name = "cpython.ShapesManager.%s.fork"
    return [
        (name % "get", w, "avgt", "us/op", 1e6, value_setup(get_op)),
        (name % "set", w, "avgt", "us/op", 1e6, value_setup(set_op)),
        (name % "lockUnlock", w, "avgt", "us/op", 1e6, value_setup(lock_unlock_op)),
        (name % "lockedIncrementFrom4Workers", w, "avgt", "us/op", 1e6, increment_setup),
    ]


if __name__ == "__main__":
    sys.exit(shapes_runner.main(__doc__, suite))
