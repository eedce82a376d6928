"""The functions CPython's scaling suite (scaling_bench.py) sends to its child processes.

They live in a module of their own, importable by name: the spawn start method starts a fresh
interpreter that re-imports the main module and finds pickled functions by module and name, so a
worker function must not depend on anything the main script does under `if __name__ == "__main__"`.
The inputs are here too, so that every process agrees on them.
"""

# ---- map workloads ---------------------------------------------------------------------------

TINY_ITEMS = 10_000
MEDIUM_ITEMS = 2_000
COARSE_ITEMS = 64

# Medium grain: one item is an LCG (Knuth's MMIX constants, 64-bit) iterated MEDIUM_LOOPS times.
# Calibrated on the 2-core Firecracker VM this suite was written on (CPython 3.11.7, pinned to one
# core): 0.09 us per iteration, so 550 iterations give one item of about 50 us. Java has its own
# loop count for ~50 us (the same count is not required, the same ~50 us per item is); run
# `scaling_bench.py --calibrate` to see what one item costs on another machine.
MEDIUM_LOOPS = 550
_MASK64 = (1 << 64) - 1


def square(x):
    """Tiny grain: the square of an int."""
    return x * x


def medium(seed):
    """Medium grain: ~50 us of integer arithmetic (see MEDIUM_LOOPS)."""
    x = seed
    for _ in range(MEDIUM_LOOPS):
        x = (x * 6364136223846793005 + 1442695040888963407) & _MASK64
    return x


def factorial(n):
    """Coarse grain: n! as a big int, by the same loop as the Java side's BigInteger loop."""
    f = 1
    for i in range(2, n + 1):
        f *= i
    return f


def coarse_inputs():
    """The 64 factorial arguments, the same list on the Java side:
    n_i = 2000 + (i * 7919) % 1001 for i = 0 .. 63 — 64 distinct values in [2000, 3000]
    (7919 is prime and coprime with 1001 = 7 * 11 * 13, so i -> i * 7919 mod 1001 does not repeat
    below 1001). In Java: 2000 + (i * 7919) % 1001, in int arithmetic."""
    return [2000 + (i * 7919) % 1001 for i in range(COARSE_ITEMS)]


def grain_inputs(grain):
    """(function, items, chunksize) for a grain; chunksize None means Pool.map's default rule,
    ceil(len(items) / (4 * workers))."""
    if grain == "tiny":
        return square, list(range(TINY_ITEMS)), None
    if grain == "medium":
        return medium, list(range(MEDIUM_ITEMS)), None
    if grain == "coarse":
        return factorial, coarse_inputs(), 1
    raise ValueError("unknown grain: " + grain)


# ---- apply, start ------------------------------------------------------------------------------

def identity(x):
    return x


def noop():
    pass


# ---- queue: producer child -> consumer child, the queue created by the parent ------------------

QUEUE_PAYLOAD = 7  # a small int, as the JMH side's "int" payload


def producer(queue, control):
    """Waits for a count on `control`, puts that many elements, acknowledges; None ends it."""
    while True:
        n = control.recv()
        if n is None:
            return
        put = queue.put
        for _ in range(n):
            put(QUEUE_PAYLOAD)
        control.send(n)


def consumer(queue, control):
    """Waits for a count on `control`, takes that many elements, acknowledges; None ends it."""
    while True:
        n = control.recv()
        if n is None:
            return
        get = queue.get
        for _ in range(n):
            get()
        control.send(n)


def echo(inbox, outbox):
    """Takes from `inbox` and puts the same element on `outbox` until it takes None."""
    while True:
        x = inbox.get()
        if x is None:
            return
        outbox.put(x)
