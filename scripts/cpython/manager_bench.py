"""CPython's multiprocessing.Manager on the workloads of mproc's ManagerBenchmark (reports/), so
that mproc's figures can be set beside CPython's measured in the same session. Run through
scripts/cpython/manager-baseline, which checks that python3 is there. Medians of many calls.
"""
import argparse
import multiprocessing as mp
import statistics
import time

from baseline_output import report


def median_us(fn, calls):
    samples = []
    for _ in range(calls):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1e6


def increment(ns):
    ns.value += 1


def lock_cycle(lock):
    lock.acquire()
    lock.release()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    calls = 2000 if args.quick else 20000
    ctx = mp.get_context("fork")
    results = {}
    with ctx.Manager() as manager:
        ns = manager.Namespace()
        ns.value = 0
        lock = manager.Lock()
        results["Namespace get"] = (median_us(lambda: ns.value, calls), "us")
        results["Namespace set"] = (median_us(lambda: setattr(ns, "value", 7), calls), "us")
        results["Namespace get+set increment"] = (median_us(lambda: increment(ns), calls), "us")
        results["Lock acquire+release"] = (median_us(lambda: lock_cycle(lock), calls), "us")
    samples = []
    for _ in range(10 if args.quick else 30):
        t = time.perf_counter()
        m = ctx.Manager()
        m.shutdown()
        samples.append(time.perf_counter() - t)
    results["Manager() start + shutdown, fork"] = (statistics.median(samples) * 1e3, "ms")
    report(results, args.json)


if __name__ == "__main__":
    main()
