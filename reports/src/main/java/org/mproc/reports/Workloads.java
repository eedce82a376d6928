package org.mproc.reports;

import java.util.List;
import java.util.Map;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.Workload.Series;

/** The scaling suite's workloads, as {@code scripts/bench-scaling} and {@code scripts/cpython/bench-scaling} name them. */
public final class Workloads {
    private Workloads() {}

    public static final List<Workload> ALL = List.of(
            map("tiny", "Pool.map, tiny grain (square of an int)"),
            map("medium", "Pool.map, medium grain (~50 µs of arithmetic per item)"),
            map("coarse", "Pool.map, coarse grain (BigInteger factorials of 2,000–3,000)"),
            pair("apply", "Pool.apply round trip", "ApplyScalingBenchmark.mproc", "ApplyScaling",
                    "one call at a time uses one worker: a latency has no speedup"),
            pair("queue", "Queue throughput, producer child → consumer child", "QueueScalingBenchmark.mproc", "QueueScaling",
                    "two processes whatever the core count: the shape does not scale with cores"),
            pair("queue-latency", "Queue latency: out to an echoing child and back", "QueueLatencyScalingBenchmark.mproc",
                    "QueueLatencyScaling", "one element at a time: a latency has no speedup"),
            pair("manager", "Manager Namespace get", "ManagerScalingBenchmark.mproc", "ManagerScaling",
                    "one call at a time: a latency has no speedup"),
            pair("manager-increment", "Manager: the seed's shared.value += 1 (a get, then a set)",
                    "ManagerScalingBenchmark.increment", "ManagerIncrementScaling", "one call at a time: a latency has no speedup"),
            new Workload("start", "Process start → join (no-op)", Map.of(), List.of(
                    new Series("mproc cold", "StartScalingBenchmark.cold", Role.MPROC),
                    new Series("mproc warm spare", "StartScalingBenchmark.warm", Role.JAVA_BASELINE),
                    new Series("CPython fork", "cpython.StartScaling.fork", Role.CPYTHON_FORK),
                    new Series("CPython spawn", "cpython.StartScaling.spawn", Role.CPYTHON_SPAWN)), false,
                    "one child at a time: a latency has no speedup"));

    /** The JMH class of a grain: items/s needs one {@code @OperationsPerInvocation} per item count, so one nested class each. */
    static String mapClass(String grain) {
        return "MapScalingBenchmark." + Character.toUpperCase(grain.charAt(0)) + grain.substring(1);
    }

    private static Workload map(String grain, String title) {
        String jmh = mapClass(grain);
        return new Workload("map-" + grain, title, Map.of("grain", grain), List.of(
                new Series("mproc Pool", jmh + ".mproc", Role.MPROC),
                new Series("ForkJoinPool (one JVM)", jmh + ".forkJoin", Role.JAVA_BASELINE),
                new Series("sequential (Java)", jmh + ".sequential", Role.JAVA_SEQUENTIAL),
                new Series("CPython fork", "cpython.MapScaling.fork", Role.CPYTHON_FORK),
                new Series("CPython spawn", "cpython.MapScaling.spawn", Role.CPYTHON_SPAWN),
                new Series("sequential (CPython)", "cpython.MapScaling.sequential", Role.CPYTHON_SEQUENTIAL)), true, null);
    }

    /** The raw Unix-socket round trip between two JVMs: the floor under every round trip, measured in the same run. */
    static final String FLOOR = "SocketPingPongBenchmark.roundTrip";

    private static Workload pair(String id, String title, String mproc, String cpython, String note) {
        List<Series> series = new java.util.ArrayList<>(List.of(new Series("mproc", mproc, Role.MPROC)));
        if (!id.equals("queue")) {
            series.add(new Series("socket round-trip floor (two JVMs)", FLOOR, Role.FLOOR));
        }
        return new Workload(id, title, Map.of(), List.copyOf(concat(series, List.of(
                new Series("CPython fork", "cpython." + cpython + ".fork", Role.CPYTHON_FORK),
                new Series("CPython spawn", "cpython." + cpython + ".spawn", Role.CPYTHON_SPAWN)))), false, note);
    }

    private static List<Series> concat(List<Series> a, List<Series> b) {
        List<Series> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
