package org.mproc.reports.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.mproc.Pool;
import org.mproc.ProcessQueue;

/**
 * One-way put→take latency: a pool worker puts {@code System.nanoTime()} at a steady pace (one
 * element, then a 500 µs sleep: well below saturation), this JVM hosts the queue and takes; each
 * sample is the take's time minus the stamp (one clock: {@code CLOCK_MONOTONIC} is shared by the processes of
 * a machine). Recorded in an HdrHistogram; prints percentiles, and with an argument writes them as
 * JSON.
 *
 * <pre>
 *   java -cp reports/target/benchmarks.jar org.mproc.reports.bench.QueueLatency [out.json]
 * </pre>
 */
public final class QueueLatency {
    private static final int WARMUP = 2_000;
    private static final int SAMPLES = 10_000;
    private static final int GAP_MICROS = 500;

    private QueueLatency() {}

    public static void main(String[] args) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Pool pool = new Pool(1)) {
            ProcessQueue<Object> queue = ProcessQueue.create();
            CompletableFuture<Integer> stamps = pool.applyAsync(QueueTasks.stamper(queue, GAP_MICROS), WARMUP + SAMPLES);
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                long sent = (Long) queue.take();
                long latency = System.nanoTime() - sent;
                if (i >= WARMUP) {
                    histogram.recordValue(Math.max(0, latency));
                }
                if (i % 2000 == 0) {
                    System.err.printf("  %d/%d samples%n", i, WARMUP + SAMPLES);
                }
            }
            stamps.get();
            queue.close();
        }
        String json = String.format(Locale.ROOT,
                "{\"benchmark\": \"QueueLatency.putToTake\", \"samples\": %d, \"unit\": \"us\","
                        + " \"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"p999\": %.1f, \"max\": %.1f}%n",
                histogram.getTotalCount(), us(histogram, 50), us(histogram, 90), us(histogram, 99),
                us(histogram, 99.9), histogram.getMaxValue() / 1e3);
        System.out.print(json);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
        }
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
