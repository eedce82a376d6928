"""CPython's side of the scaling suite: the workloads of the JMH scaling benchmarks with CPython's
multiprocessing (start methods fork and spawn), written as JMH's own JSON so the report pairs them.

One run measures every benchmark for one core count k: pinned to cores 0..k-1 (the wrapper
scripts/cpython/bench-scaling runs it under `taskset`; this script pins itself too, with
os.sched_setaffinity, and children inherit the affinity), with workers = k, and writes one JSON file
(the wrapper: reports/out/cpython/k<k>.json). Standard library only.

Benchmarks (names and params as in /tmp/issue7-contract.md, paired with the JMH suite):
  cpython.MapScaling.fork|spawn|sequential  {grain, workers}  thrpt ops/s, one op = one item
      tiny:   square of an int, 10,000 items, Pool.map's default chunksize
      medium: ~50 us of integer arithmetic per item (scaling_tasks.MEDIUM_LOOPS), 2,000 items,
              Pool.map's default chunksize
      coarse: factorial of n, 64 n's n_i = 2000 + (i * 7919) % 1001, chunksize 1
      sequential: list(map(f, items)) in this process (workers is present and ignored)
  cpython.ApplyScaling.fork|spawn    {workers}  avgt us/op  Pool(workers).apply(identity, (1,))
  cpython.QueueScaling.fork|spawn    {workers}  thrpt ops/s elements per second, producer child ->
      consumer child through a multiprocessing.Queue created by this process (workers ignored)
  cpython.QueueLatencyScaling.fork|spawn {workers}  avgt us/op  one element out to an echoing child
      through one Queue and back through another (workers ignored)
  cpython.ManagerScaling.fork|spawn  {workers}  avgt us/op  Manager().Namespace() attribute get
      from this process (workers ignored)
  cpython.ManagerIncrementScaling.fork|spawn {workers}  avgt us/op  the seed's `ns.value += 1`:
      a get then a set, two round trips (workers ignored)
  cpython.StartScaling.fork|spawn    {workers}  avgt ms/op  Process(target=noop) start + join
      (workers ignored)

Measurement follows JMH: per benchmark a trial set-up outside the timing (the pool, the manager,
the queue's children), warm-up iterations, then measurement iterations of a fixed wall time, each
calling the operation back to back until the time is up; an iteration's score is operations per
second (thrpt) or time per operation (avgt). One "fork" (everything runs in this interpreter).
The score is the mean of the iterations, the error the 99.9% Student-t half-width, NaN (the string
"NaN") with two iterations or fewer, as JMH does; percentiles as Commons Math's default, as JMH.
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import statistics
import sys
import threading
import time

import scaling_tasks as tasks

MODES = {
    # the main job and CI: the whole suite for k = 1 and 2 in about a minute and a half on 2 cores
    "quick": dict(warmup_iterations=1, warmup_time=0.4, iterations=3, iteration_time=0.5),
    # real numbers
    "full": dict(warmup_iterations=3, warmup_time=2.0, iterations=5, iteration_time=2.0),
}
START_METHODS = ("fork", "spawn")
GRAINS = ("tiny", "medium", "coarse")
QUEUE_BATCH = 20_000  # elements per operation call, as the JMH queue benchmarks' MESSAGES
STALL_SECONDS = 180  # no progress for this long: the run is abandoned (a hung pool, say)


# ---- progress ---------------------------------------------------------------------------------
# Written with os.write, never through sys.stdout's buffer: a forked child copies the buffer's
# lock, and the heartbeat thread could hold it at the moment of the fork.

class Progress:
    def __init__(self, label):
        self.label = label
        self.t0 = time.monotonic()
        self.last = self.t0
        self.last_progress = self.t0
        self.current = "starting"
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def say(self, text, progress=True):
        now = time.monotonic()
        with self.lock:
            self.last = now
            if progress:
                self.last_progress = now
        elapsed = int(now - self.t0)
        os.write(1, ("[%s %d:%02d] %s\n" % (self.label, elapsed // 60, elapsed % 60, text)).encode())

    def heartbeat(self):
        """Prints a line when nothing was printed for 5 s; abandons the run after a long stall."""
        while not self.stop.wait(1.0):
            now = time.monotonic()
            with self.lock:
                quiet, stalled = now - self.last, now - self.last_progress
            if stalled > STALL_SECONDS:
                self.say("no progress for %d s in %s: giving up" % (stalled, self.current), False)
                os._exit(3)
            if quiet >= 5:
                self.say("... still running %s (%d s since the last result)" % (self.current, stalled),
                         False)

    def start(self):
        threading.Thread(target=self.heartbeat, name="heartbeat", daemon=True).start()


# ---- statistics as JMH computes them ------------------------------------------------------------

def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betai(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(ln) * _betacf(a, b, x) / a
    return 1.0 - math.exp(ln) * _betacf(b, a, 1.0 - x) / b


def student_t_cdf(t, df):
    tail = 0.5 * _betai(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def student_t_quantile(p, df):
    """Inverse CDF of Student's t for p in (0.5, 1), by bisection (t(0.9995, 1) = 636.6)."""
    lo, hi = 0.0, 1.0
    while student_t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if student_t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def percentile(values, p):
    """Commons Math's Percentile with its default (legacy) estimation, which JMH uses."""
    s = sorted(values)
    n = len(s)
    if n == 1:
        return s[0]
    pos = p * (n + 1) / 100.0
    if pos < 1:
        return s[0]
    if pos >= n:
        return s[-1]
    f = math.floor(pos)
    lower, upper = s[int(f) - 1], s[int(f)]
    return lower + (pos - f) * (upper - lower)


JMH_PERCENTILES = (0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0)


def primary_metric(raw, unit):
    """JMH's primaryMetric for one fork's iteration scores: mean, 99.9% half-width (Student t,
    NaN with n <= 2 as in JMH's AbstractStatistics.getMeanErrorAt), confidence, percentiles."""
    n = len(raw)
    mean = statistics.fmean(raw)
    if n <= 2:
        error = float("nan")
    else:
        error = student_t_quantile(1 - (1 - 0.999) / 2, n - 1) * statistics.stdev(raw) / math.sqrt(n)
    return {
        "score": mean,
        "scoreError": error,
        "scoreConfidence": [mean - error, mean + error],
        "scorePercentiles": {repr(p): percentile(raw, p) for p in JMH_PERCENTILES},
        "scoreUnit": unit,
        "rawData": [list(raw)],
    }


def jmh_safe(value):
    """JMH writes non-finite doubles as strings ("NaN", "Infinity"); strict JSON has no NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: jmh_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jmh_safe(v) for v in value]
    return value


def jmh_time(seconds):
    return "%d s" % seconds if seconds >= 1 and seconds == int(seconds) else "%d ms" % round(seconds * 1000)


# ---- the benchmarks -----------------------------------------------------------------------------
# Each is (benchmark, params, mode, unit, scale, setup); setup() returns (op, ops per call, teardown).

def ignore_result(fn, *args):
    def op():
        fn(*args)
    return op


def map_setup(method, grain, workers):
    def setup():
        fn, items, chunksize = tasks.grain_inputs(grain)
        if method == "sequential":
            return (lambda: list(map(fn, items))), len(items), (lambda: None)
        pool = mp.get_context(method).Pool(workers)
        pool.map(tasks.square, range(4 * workers), 1)  # every worker is up and has imported the tasks

        def op():
            pool.map(fn, items, chunksize)

        def teardown():
            pool.close()
            pool.join()
        return op, len(items), teardown
    return setup


def apply_setup(method, workers):
    def setup():
        pool = mp.get_context(method).Pool(workers)
        pool.map(tasks.square, range(4 * workers), 1)

        def op():
            pool.apply(tasks.identity, (1,))

        def teardown():
            pool.close()
            pool.join()
        return op, 1, teardown
    return setup


def queue_setup(method):
    def setup():
        ctx = mp.get_context(method)
        queue = ctx.Queue()
        prod_here, prod_there = ctx.Pipe()
        cons_here, cons_there = ctx.Pipe()
        consumer = ctx.Process(target=tasks.consumer, args=(queue, cons_there), daemon=True)
        producer = ctx.Process(target=tasks.producer, args=(queue, prod_there), daemon=True)
        consumer.start()
        producer.start()

        def batch(n):
            cons_here.send(n)
            prod_here.send(n)
            assert cons_here.recv() == n and prod_here.recv() == n

        batch(100)  # both children are up

        def teardown():
            cons_here.send(None)
            prod_here.send(None)
            producer.join(30)
            consumer.join(30)
            queue.close()
        return (lambda: batch(QUEUE_BATCH)), QUEUE_BATCH, teardown
    return setup


def queue_latency_setup(method):
    def setup():
        ctx = mp.get_context(method)
        out, back = ctx.Queue(), ctx.Queue()
        child = ctx.Process(target=tasks.echo, args=(out, back), daemon=True)
        child.start()
        out.put(0)
        back.get()  # the child is up

        def op():
            out.put(7)
            back.get()

        def teardown():
            out.put(None)
            child.join(30)
            out.close()
            back.close()
        return op, 1, teardown
    return setup


def manager_increment_setup(method):
    def setup():
        manager = mp.get_context(method).Manager()
        ns = manager.Namespace()
        ns.value = 0

        def op():
            ns.value += 1
        return op, 1, manager.shutdown
    return setup


def manager_setup(method):
    def setup():
        manager = mp.get_context(method).Manager()
        ns = manager.Namespace()
        ns.value = 7

        def op():
            ns.value
        return op, 1, manager.shutdown
    return setup


def start_setup(method):
    def setup():
        ctx = mp.get_context(method)

        def op():
            p = ctx.Process(target=tasks.noop)
            p.start()
            p.join()
            if p.exitcode != 0:
                raise RuntimeError("no-op child exited with %s" % p.exitcode)
        return op, 1, (lambda: None)
    return setup


def suite(workers):
    w = str(workers)
    out = []
    for grain in GRAINS:
        for method in ("sequential",) + START_METHODS:
            out.append(("cpython.MapScaling." + method, {"grain": grain, "workers": w}, "thrpt", "ops/s", 1,
                        map_setup(method, grain, workers)))
    for method in START_METHODS:
        out.append(("cpython.ApplyScaling." + method, {"workers": w}, "avgt", "us/op", 1e6,
                    apply_setup(method, workers)))
    for method in START_METHODS:
        out.append(("cpython.QueueScaling." + method, {"workers": w}, "thrpt", "ops/s", 1,
                    queue_setup(method)))
    for method in START_METHODS:
        out.append(("cpython.QueueLatencyScaling." + method, {"workers": w}, "avgt", "us/op", 1e6,
                    queue_latency_setup(method)))
    for method in START_METHODS:
        out.append(("cpython.ManagerScaling." + method, {"workers": w}, "avgt", "us/op", 1e6,
                    manager_setup(method)))
    for method in START_METHODS:
        out.append(("cpython.ManagerIncrementScaling." + method, {"workers": w}, "avgt", "us/op", 1e6,
                    manager_increment_setup(method)))
    for method in START_METHODS:
        out.append(("cpython.StartScaling." + method, {"workers": w}, "avgt", "ms/op", 1e3,
                    start_setup(method)))
    return out


def iteration(op, per_call, seconds, mode, scale):
    """Calls op back to back until `seconds` have passed (at least once); returns the score."""
    calls = 0
    t0 = time.perf_counter()
    deadline = t0 + seconds
    while True:
        op()
        calls += 1
        now = time.perf_counter()
        if now >= deadline:
            break
    elapsed = now - t0
    ops = calls * per_call
    return (ops / elapsed) if mode == "thrpt" else (elapsed / ops * scale)


def fmt(x):
    return "%.3g" % x if abs(x) < 100 else "{:,.0f}".format(x)


def run_one(progress, index, total, spec, m):
    name, params, mode, unit, scale, setup = spec
    label = "%s %s" % (name, " ".join("%s=%s" % kv for kv in params.items()))
    progress.current = label
    t = time.perf_counter()
    op, per_call, teardown = setup()
    progress.say("(%d/%d) %s: set up in %.2f s" % (index, total, label, time.perf_counter() - t))
    raw = []
    try:
        for i in range(m["warmup_iterations"]):
            s = iteration(op, per_call, m["warmup_time"], mode, scale)
            progress.say("    warmup %d/%d: %s %s" % (i + 1, m["warmup_iterations"], fmt(s), unit))
        for i in range(m["iterations"]):
            s = iteration(op, per_call, m["iteration_time"], mode, scale)
            raw.append(s)
            progress.say("    iteration %d/%d: %s %s" % (i + 1, m["iterations"], fmt(s), unit))
    finally:
        teardown()
    metric = primary_metric(raw, unit)
    err = metric["scoreError"]
    progress.say("    %s: %s ± %s %s" % (label, fmt(metric["score"]), "NaN" if math.isnan(err) else fmt(err), unit))
    return {
        "benchmark": name,
        "mode": mode,
        "threads": 1,
        "forks": 1,
        "jvm": None,
        "jvmArgs": [],
        "jdkVersion": None,
        "vmName": "CPython",
        "vmVersion": platform.python_version(),
        "warmupIterations": m["warmup_iterations"],
        "warmupTime": jmh_time(m["warmup_time"]),
        "warmupBatchSize": 1,
        "measurementIterations": m["iterations"],
        "measurementTime": jmh_time(m["iteration_time"]),
        "measurementBatchSize": 1,
        "params": params,
        "primaryMetric": metric,
        "secondaryMetrics": {},
    }


def pin(cores):
    """Pins this process (and so its children) to cores 0..cores-1, as `taskset -c 0-(k-1)`."""
    wanted = set(range(cores))
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    if os.sched_getaffinity(0) != wanted:
        os.sched_setaffinity(0, wanted)
    return "pinned to cores %s" % ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))


def calibrate():
    samples = []
    for _ in range(15):
        t = time.perf_counter()
        for i in range(200):
            tasks.medium(i)
        samples.append((time.perf_counter() - t) / 200 * 1e6)
    samples.sort()
    best, med = samples[0], samples[len(samples) // 2]
    print("medium item with MEDIUM_LOOPS = %d: best %.1f us, median %.1f us; ~50 us needs about %d loops"
          % (tasks.MEDIUM_LOOPS, best, med, round(tasks.MEDIUM_LOOPS * 50 / best)))
    t = time.perf_counter()
    for n in tasks.coarse_inputs():
        tasks.factorial(n)
    print("coarse: 64 factorials of 2000..3000 in %.1f ms" % ((time.perf_counter() - t) * 1e3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, help="k: pin to cores 0..k-1 and use workers = k")
    parser.add_argument("--out", help="the JSON file to write (JMH's shape)")
    parser.add_argument("--quick", action="store_true", help="few short iterations (main job, CI)")
    parser.add_argument("--only", help="run only the benchmarks whose name contains this")
    parser.add_argument("--calibrate", action="store_true", help="time one medium item and the coarse list")
    args = parser.parse_args()
    if sys.version_info < (3, 8):
        print("python3 %s is too old (the scaling suite needs 3.8 or later): CPython baselines skipped"
              % platform.python_version())
        return 0
    if args.calibrate:
        calibrate()
        return 0
    if not args.cores or not args.out:
        parser.error("--cores and --out are required (or --calibrate)")
    if args.cores > os.cpu_count():
        parser.error("--cores %d: this machine has %d" % (args.cores, os.cpu_count()))
    mode = "quick" if args.quick else "full"
    m = MODES[mode]
    progress = Progress("cpython k=%d" % args.cores)
    progress.say("CPython %s, %s mode, %s, workers = %d" % (platform.python_version(), mode, pin(args.cores), args.cores))
    progress.start()
    specs = [s for s in suite(args.cores) if not args.only or args.only in s[0]]
    results, failed = [], []
    for i, spec in enumerate(specs, 1):
        try:
            results.append(run_one(progress, i, len(specs), spec, m))
        except Exception as e:  # a failed benchmark is left out, as JMH does, and reported
            failed.append(spec[0])
            progress.say("    FAILED %s %s: %r" % (spec[0], spec[1], e))
    progress.stop.set()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(jmh_safe(results), f, indent=4, allow_nan=False)
        f.write("\n")
    os.replace(tmp, args.out)
    progress.say("wrote %d benchmarks to %s%s" % (len(results), args.out,
                 "; FAILED: " + ", ".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
