package org.mproc.reports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mproc.ChildProcess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a cold {@link ChildProcess} takes from {@code start()} to the end of {@code join()} with a
 * no-op task: a fresh child JVM every time, as CPython's {@code Process(target=f).start(); join()}
 * with the spawn start method (47 ms on this machine). One sample is one child (single-shot time);
 * the warm-up iterations warm the parent, never the child.
 *
 * <p>{@code flags} picks the child's extra JVM options ({@link StartVariant}); archive variants first
 * run one training child that writes the archive. {@code classPath} is {@code fork} (the child
 * inherits this JVM's class path, the whole {@code benchmarks.jar}) or {@code small} (a jar of just
 * the runtime's classes and the task, written at setup) to show whether class-path size matters.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ChildProcessStart -rf json -rff reports/out/jmh/start.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class ChildProcessStartBenchmark {
    @Param({"default", "c1", "g1", "noPerfData", "appcds", "archive", "archive+c1+noPerfData"})
    public String flags;

    @Param({"fork", "small"})
    public String classPath;

    private Path work;
    private List<String> options;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        work = Files.createTempDirectory("mproc-start-bench-");
        List<String> cp = List.of();
        if (classPath.equals("small")) {
            Path jar = SmallClassPath.write(work.resolve("runtime.jar"), SmallClassPath.runtimeAnd(NoOpTask.class),
                    ChildProcess.class, NoOpTask.class);
            cp = List.of("-cp", jar.toString());
        } else if (!classPath.equals("fork")) {
            throw new IllegalArgumentException("classPath is 'fork' or 'small', not '" + classPath + "'");
        }
        StartVariant variant = StartVariant.parse(flags, Runtime.version().feature());
        Path archive = work.resolve(variant.archive() == StartVariant.Archive.AOT ? "child.aot" : "child.jsa");
        if (variant.archive() != StartVariant.Archive.NONE) {
            train(concat(cp, variant.trainingOptions(archive)), archive);
        }
        options = concat(cp, variant.options(archive));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        SmallClassPath.deleteRecursively(work);
    }

    @Benchmark
    public int startAndJoin() throws InterruptedException {
        ChildProcess child = ChildProcess.builder().target(NoOpTask.target()).jvmOptions(options).build();
        child.start();
        child.join();
        int exit = child.exitCode().getAsInt();
        if (exit != 0) {
            throw new IllegalStateException("the no-op child exited with " + exit + " under " + options);
        }
        return exit;
    }

    /** Runs the child that writes the archive; its output is shown only if it fails. */
    private static void train(List<String> trainingOptions, Path archive) throws InterruptedException {
        List<String> output = new ArrayList<>();
        ChildProcess child = ChildProcess.builder().target(NoOpTask.target()).jvmOptions(trainingOptions)
                .output(line -> {
                    synchronized (output) {
                        output.add(line);
                    }
                }).build();
        child.start();
        child.join();
        if (child.exitCode().getAsInt() != 0 || !Files.isRegularFile(archive)) {
            synchronized (output) {
                throw new IllegalStateException("the training child " + trainingOptions + " exited with "
                        + child.exitCode() + " and wrote no archive; its output:\n" + String.join("\n", output));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
