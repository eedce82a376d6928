"""CPython's multiprocessing.Queue and Pipe between two processes, on the workloads of mproc's
queue benchmarks (reports/), so that mproc's figures can be set beside CPython's measured in the
same session. Run through scripts/cpython/queue-baseline, which checks that python3 is there.

Shapes: a producer process and a consumer process, both children of this one (the queue's
feeder thread lives in the producer). Throughput in messages per second; latency is put→get of
a timestamp sent at a modest rate, as percentiles.
"""
import argparse
import multiprocessing as mp
import statistics
import time

from baseline_output import report


def produce(q, n, payload):
    for _ in range(n):
        q.put(payload)
    q.put(None)


def consume(q, done):
    while q.get() is not None:
        pass
    done.set()


def send_pipe(conn, n, payload):
    for _ in range(n):
        conn.send(payload)
    conn.send(None)


def recv_pipe(conn, done):
    while conn.recv() is not None:
        pass
    done.set()


def rate(ctx, n, consumer_target, consumer_end, producer_target, producer_end, payload):
    """Messages per second from a producer child to a consumer child over one channel."""
    done = ctx.Event()
    consumer = ctx.Process(target=consumer_target, args=(consumer_end, done))
    producer = ctx.Process(target=producer_target, args=(producer_end, n, payload))
    consumer.start()
    t = time.perf_counter()
    producer.start()
    done.wait()
    elapsed = time.perf_counter() - t
    producer.join()
    consumer.join()
    return n / elapsed


def queue_rate(ctx, n, payload):
    q = ctx.Queue()
    return rate(ctx, n, consume, q, produce, q, payload)


def pipe_rate(ctx, n, payload):
    recv_end, send_end = ctx.Pipe(duplex=False)
    return rate(ctx, n, recv_pipe, recv_end, send_pipe, send_end, payload)


def stamp(q, n, gap):
    for _ in range(n):
        q.put(time.perf_counter_ns())
        time.sleep(gap)
    q.put(None)


def latency(ctx, n, gap):
    q = ctx.Queue()
    producer = ctx.Process(target=stamp, args=(q, n, gap))
    producer.start()
    samples = []
    while True:
        sent = q.get()
        if sent is None:
            break
        samples.append((time.perf_counter_ns() - sent) / 1e3)
    producer.join()
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.99)]


def best_of(fn, repeats):
    return statistics.median([fn() for _ in range(repeats)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer messages and repetitions")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    ctx = mp.get_context("fork")
    n = 50_000 if args.quick else 200_000
    reps = 3 if args.quick else 5
    results = {
        "Queue, small ints": (best_of(lambda: queue_rate(ctx, n, 7), reps) / 1e3, "k msg/s"),
        "Queue, 1 KiB bytes": (best_of(lambda: queue_rate(ctx, n, b"x" * 1024), reps) / 1e3, "k msg/s"),
        "Pipe, small ints": (best_of(lambda: pipe_rate(ctx, n, 7), reps) / 1e3, "k msg/s"),
    }
    p50, p99 = latency(ctx, 500 if args.quick else 2000, 0.0005)
    results["Queue put->get latency, p50"] = (p50, "us")
    results["Queue put->get latency, p99"] = (p99, "us")
    report(results, args.json)

if __name__ == "__main__":
    main()
