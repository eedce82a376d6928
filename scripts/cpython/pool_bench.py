"""CPython's multiprocessing.Pool on the workloads of mproc's Pool benchmarks (reports/), so that
every mproc figure can be set beside CPython's measured in the same session on the same machine.

Run through scripts/cpython/pool-baseline, which checks that python3 is there.
Prints one line per workload: name, median, and the unit; with --json FILE also writes them.
"""
import argparse
import multiprocessing as mp
import statistics
import time

from baseline_output import report


def square(x):
    return x * x


def factorial(n):
    f = 1
    for i in range(2, n + 1):
        f *= i
    return f


def identity(x):
    return x


def timed(fn, repeats):
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return samples


def pool_workloads(ctx, results, quick):
    reps = 3 if quick else 10
    with ctx.Pool(2) as pool:
        pool.map(square, range(1000))  # warm the workers
        million = list(range(10**6))
        s = timed(lambda: pool.map(square, million), reps)
        results["map 10^6 ints, default chunks"] = (statistics.median(s) * 1e3, "ms")
        ten_k = list(range(10**4))
        s = timed(lambda: pool.map(square, ten_k, 1), reps)
        results["map 10^4, chunksize 1"] = (10**4 / statistics.median(s) / 1e3, "k tasks/s")
        rounds = 2000 if quick else 10000
        s = timed(lambda: pool.apply(identity, (1,)), rounds)
        results["apply round trip, median"] = (statistics.median(s) * 1e6, "us")
        calls = 10**4
        def pipelined():
            futures = [pool.apply_async(identity, (i,)) for i in range(calls)]
            for f in futures:
                f.get()
        s = timed(pipelined, reps)
        results["applyAsync pipelined"] = (calls / statistics.median(s) / 1e3, "k calls/s")


def coarse(ctx, results, quick, n, tasks):
    reps = 3 if quick else 5
    inputs = [n] * tasks
    for workers in (1, 2):
        with ctx.Pool(workers) as pool:
            pool.map(factorial, inputs[:workers], 1)
            s = timed(lambda: pool.map(factorial, inputs, 1), reps)
            results[f"coarse: {tasks} factorials of {n}, {workers} worker(s)"] = (statistics.median(s) * 1e3, "ms")


def start(method, results, quick):
    ctx = mp.get_context(method)
    def once():
        with ctx.Pool(2) as pool:
            pool.apply(identity, (1,))
            pool.close()
            pool.join()
    once()
    s = timed(once, 5 if quick else 15)
    results[f"Pool(2) create -> first result -> close+join, {method}"] = (statistics.median(s) * 1e3, "ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--coarse-n", type=int, default=10_000)
    parser.add_argument("--coarse-tasks", type=int, default=16)
    args = parser.parse_args()
    results = {}
    fork = mp.get_context("fork")
    pool_workloads(fork, results, args.quick)
    coarse(fork, results, args.quick, args.coarse_n, args.coarse_tasks)
    start("fork", results, args.quick)
    start("spawn", results, args.quick)
    report(results, args.json)

if __name__ == "__main__":
    main()
