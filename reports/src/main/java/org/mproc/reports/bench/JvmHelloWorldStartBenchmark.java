package org.mproc.reports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mproc.internal.spawn.JvmCommand;
import org.mproc.internal.spawn.WorkerMain;
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
 * The floor under {@link ChildProcessStartBenchmark}: {@code java -cp <jar> HelloMain} started with
 * {@link ProcessBuilder} and waited for, output discarded. No mproc code runs in the child, so the
 * difference to a {@code ChildProcess} is what the worker itself costs.
 *
 * <p>{@code flags}: {@code none} (the JVM's defaults), {@code mproc} (the defaults mproc gives every
 * child, taken from {@link JvmCommand#build}), {@code mproc+c1+noPerfData} (the floor of the fastest
 * flag set). {@code classPath}: {@code fork} (this JVM's, the whole {@code benchmarks.jar}) or
 * {@code small} (a jar holding only {@link HelloMain}).
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar JvmHelloWorldStart -rf json -rff reports/out/jmh/hello.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 30)
@Fork(1)
public class JvmHelloWorldStartBenchmark {
    @Param({"none", "mproc", "mproc+c1+noPerfData"})
    public String flags;

    @Param({"fork", "small"})
    public String classPath;

    private Path work;
    private List<String> command;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        work = Files.createTempDirectory("mproc-hello-bench-");
        // [java, -cp, <class path>, <mproc defaults...>, org.mproc.internal.spawn.WorkerMain]
        List<String> worker = JvmCommand.build(System.getProperty("java.class.path"), List.of(), WorkerMain.class);
        command = new ArrayList<>(List.of(worker.get(0), "-cp"));
        if (classPath.equals("small")) {
            String helloClass = HelloMain.class.getName().replace('.', '/') + ".class";
            command.add(SmallClassPath.write(work.resolve("hello.jar"), helloClass::equals, HelloMain.class).toString());
        } else if (classPath.equals("fork")) {
            command.add(System.getProperty("java.class.path"));
        } else {
            throw new IllegalArgumentException("classPath is 'fork' or 'small', not '" + classPath + "'");
        }
        switch (flags) {
            case "none":
                break;
            case "mproc":
                command.addAll(worker.subList(3, worker.size() - 1));
                break;
            case "mproc+c1+noPerfData":
                command.addAll(worker.subList(3, worker.size() - 1));
                command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
                break;
            default:
                throw new IllegalArgumentException("flags is 'none', 'mproc' or 'mproc+c1+noPerfData', not '" + flags + "'");
        }
        command.add(HelloMain.class.getName());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        SmallClassPath.deleteRecursively(work);
    }

    @Benchmark
    public int startAndWait() throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("hello-world JVM exited with " + exit + ": " + command);
        }
        return exit;
    }
}
