"""CPython's twin of org.mproc.reports.bench.StartShapes: what a short program pays before its first
child or pool answers, with the spawn start method (a fresh interpreter per child, as the JVM has
no fork), one sample per interpreter. scripts/bench-start-shapes runs it in a fresh interpreter per
sample, alternating with the JVM side, and measures each run's whole wall time from outside.

    python3 start_shapes.py child [steady]   # default 5
    {"program": "child", "firstChild": 146.2, "steadyChild": 110.3, "steadyChildren": [...], ...}
    python3 start_shapes.py pool [workers]   # default 2
    {"program": "pool", "poolFirstResult": 118.0, "poolAllResults": 118.4, "poolClose": 131.9, ...}
    python3 start_shapes.py write SAMPLES.jsonl OUT.json

Milliseconds, measured from the script's first line (before `import multiprocessing`, as the JVM
side measures from main's first line, before mproc's classes load), except the steady children:
  child: firstChild  Process(target=noop) start() + join(), the first child this interpreter starts;
         steadyChild the median of `steady` more, each timed from Process(...) to join().
  pool:  Pool(workers) (spawn), imap of a no-op over two items: poolFirstResult when the first
         result is in hand, poolAllResults at the second (where map would return), poolClose when
         close() and join() have returned (the workers have exited; `with Pool()` would terminate).
`write` turns the sample lines (plus the driver's wholeProgram and wholeProgramCpu) into JMH's
JSON shape with scaling_bench.py's writer: benchmark cpython.StartShapes.<shape>.spawn, params
{program}, mode ss, ms/op, one "fork" of one iteration per sample in rawData. Standard library only.

The functions the children run are defined here, in the main script, as a user's would be; spawn
re-imports this module in every child, so its top level imports nothing heavy (json, the writer).
"""
import time

T0 = time.perf_counter()

import multiprocessing as mp  # noqa: E402  (timed on purpose: the user's script pays it too)
import sys  # noqa: E402

STEADY = 5
SHAPES = ("firstChild", "steadyChild", "poolFirstResult", "poolAllResults", "poolClose", "wholeProgram",
          "wholeProgramCpu")


def noop():
    pass


def identity(x):
    return x


def ms_since(t):
    return (time.perf_counter() - t) * 1e3


def start_and_join(ctx):
    p = ctx.Process(target=noop)
    p.start()
    p.join()
    if p.exitcode != 0:
        raise RuntimeError("the no-op child exited with %s" % p.exitcode)


def children(steady):
    ctx = mp.get_context("spawn")
    start_and_join(ctx)
    sample = {"program": "child", "firstChild": ms_since(T0)}
    more = []
    for _ in range(steady):
        t = time.perf_counter()
        start_and_join(ctx)
        more.append(ms_since(t))
    if more:
        import statistics
        sample["steadyChild"] = statistics.median(more)
        sample["steadyChildren"] = more
    return sample


def pool(workers):
    ctx = mp.get_context("spawn")
    p = ctx.Pool(workers)
    results = p.imap(identity, [0, 1])
    if next(results) != 0:
        raise RuntimeError("the no-op item 0 came back changed")
    first = ms_since(T0)
    if next(results) != 1:
        raise RuntimeError("the no-op item 1 came back changed")
    every = ms_since(T0)
    p.close()
    p.join()
    closed = ms_since(T0)
    return {"program": "pool", "poolFirstResult": first, "poolAllResults": every, "poolClose": closed}


def write(samples_file, out_file):
    """JMH-shaped JSON of the samples, one entry per (program, shape), by scaling_bench's writer."""
    import json
    import os
    import platform
    from scaling_bench import jmh_safe, primary_metric

    series = {}
    with open(samples_file) as f:
        for line in f:
            if not line.strip():
                continue
            sample = json.loads(line)
            for shape in SHAPES:
                if shape in sample:
                    series.setdefault((sample["program"], shape), []).append(float(sample[shape]))
    results = []
    for (program, shape), raw in series.items():
        metric = primary_metric(raw, "ms/op")
        metric["rawData"] = [[v] for v in raw]  # each sample its own interpreter: a fork of one iteration
        results.append({
            "benchmark": "cpython.StartShapes.%s.spawn" % shape,
            "mode": "ss",
            "threads": 1,
            "forks": len(raw),
            "jvm": None,
            "jvmArgs": [],
            "jdkVersion": None,
            "vmName": "CPython",
            "vmVersion": platform.python_version(),
            "warmupIterations": 0,
            "warmupTime": "single-shot",
            "warmupBatchSize": 1,
            "measurementIterations": 1,
            "measurementTime": "single-shot",
            "measurementBatchSize": 1,
            "params": {"program": program},
            "primaryMetric": metric,
            "secondaryMetrics": {},
        })
    tmp = out_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(jmh_safe(results), f, indent=4, allow_nan=False)
        f.write("\n")
    os.replace(tmp, out_file)
    print("wrote %d results to %s" % (len(results), out_file))


def rounded(value):
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return round(value, 3) if isinstance(value, float) else value


def main(args):
    if sys.version_info < (3, 8):
        print("python3 %s is too old (3.8 or later needed): the CPython twin is skipped" % sys.version.split()[0])
        return 0
    if len(args) == 3 and args[0] == "write":
        write(args[1], args[2])
        return 0
    if len(args) in (1, 2) and args[0] in ("child", "pool"):
        n = int(args[1]) if len(args) == 2 else None
        sample = children(STEADY if n is None else n) if args[0] == "child" else pool(2 if n is None else n)
        import json
        import platform
        sample["vmName"] = "CPython"
        sample["vmVersion"] = platform.python_version()
        print(json.dumps({k: rounded(v) for k, v in sample.items()}))
        return 0
    print("usage: start_shapes.py child [steady] | pool [workers] | write SAMPLES.jsonl OUT.json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
