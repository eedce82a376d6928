"""What the user-shapes twins (shapes_pool.py, shapes_manager.py) share: iteration settings that
match the JMH runs, the command line, and the JSON, which scaling_bench.py's JMH-shaped writer
produces (imported, not copied: the same statistics and fields as the scaling suite).

A shape is a scaling_bench spec, (benchmark, params, mode, unit, scale, setup), where setup()
returns (op, operations per call, teardown); mode "ss" means JMH's SingleShotTime as the Java side
uses it: no warm-up iterations, then SINGLE_SHOTS iterations of exactly one op each (an op may be a
block of calls; the score is per operation), each iteration's score in rawData.
"""
import argparse
import json
import os
import platform
import sys

import scaling_bench as jmh

MODES = {
    # as `java -jar benchmarks.jar Shapes -f 1 -wi 2 -w 1s -i 3 -r 1s`
    "quick": dict(warmup_iterations=2, warmup_time=1.0, iterations=3, iteration_time=1.0),
    # as the JMH classes' own annotations: 3 x 2 s warm-up, 5 x 2 s measured
    "full": dict(warmup_iterations=3, warmup_time=2.0, iterations=5, iteration_time=2.0),
}
# as @Measurement(iterations = 10, batchSize = 1) on the single-shot shapes, in both modes
SINGLE_SHOTS = 10


class QuietProgress(jmh.Progress):
    """scaling_bench's progress lines, minus one line per single shot."""

    def __init__(self, label):
        super().__init__(label)
        self.single_shot = False

    def say(self, text, progress=True):
        if not (self.single_shot and text.startswith("    iteration")):
            super().say(text, progress)


def run_shape(progress, index, total, spec, m):
    name, params, mode, unit, scale, setup = spec
    if mode != "ss":
        return jmh.run_one(progress, index, total, spec, m)
    # an iteration of 0 s calls the operation once: a single shot
    shots = dict(warmup_iterations=0, warmup_time=0.0, iterations=SINGLE_SHOTS, iteration_time=0.0)
    progress.single_shot = True
    try:
        record = jmh.run_one(progress, index, total, (name, params, "avgt", unit, scale, setup), shots)
    finally:
        progress.single_shot = False
    record.update(mode="ss", warmupTime="single-shot", measurementTime="single-shot")
    progress.say("    single shots: %s" % ", ".join(jmh.fmt(x) for x in record["primaryMetric"]["rawData"][0]))
    return record


def write_json(path, results, progress, what):
    """Writes results as JMH's JSON, whole or not at all (through a temporary file)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(jmh.jmh_safe(results), f, indent=4, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)
    progress.say("wrote %d %s to %s" % (len(results), what, path))


def main(doc, suite):
    """Runs suite(workers)'s shapes; with --json, writes them as JMH's JSON. Exit 1 if one failed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 x 1 s warm-up, 3 x 1 s measured")
    parser.add_argument("--json", metavar="FILE", help="write the results here, in JMH's JSON shape")
    parser.add_argument("--workers", type=int, default=2, help="the suite's workers (default 2)")
    parser.add_argument("--only", help="run only the shapes whose name contains this")
    args = parser.parse_args()
    if sys.version_info < (3, 8):
        print("python3 %s is too old (the shapes suite needs 3.8 or later): CPython twins skipped"
              % platform.python_version())
        return 0
    mode = "quick" if args.quick else "full"
    progress = QuietProgress(os.path.basename(sys.argv[0]))
    progress.say("CPython %s, %s mode, start method fork, workers = %d"
                 % (platform.python_version(), mode, args.workers))
    progress.start()
    specs = [s for s in suite(args.workers) if not args.only or args.only in s[0]]
    results, failed = [], []
    for i, spec in enumerate(specs, 1):
        try:
            results.append(run_shape(progress, i, len(specs), spec, MODES[mode]))
        except Exception as e:  # left out, as JMH leaves out a failed benchmark, and reported
            failed.append(spec[0])
            progress.say("    FAILED %s: %r" % (spec[0], e))
    progress.stop.set()
    if args.json:
        write_json(args.json, results, progress, "shapes")
    if failed:
        progress.say("FAILED: " + ", ".join(failed))
    return 1 if failed else 0
