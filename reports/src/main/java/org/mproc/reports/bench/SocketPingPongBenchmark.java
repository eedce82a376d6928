package org.mproc.reports.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under every round trip: 16 bytes to another JVM over a Unix socket and back, blocking
 * reads on both sides, no threads in between ({@link EchoMain} on the other end). A latency goal
 * counts as met at ≤ max(the CPython-ratio goal, 1.5 × this floor), measured in the same run.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar SocketPingPong -rf json -rff reports/out/jmh/floor.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SocketPingPongBenchmark {
    static final int MESSAGE_BYTES = 16;

    private Path directory;
    private Process echo;
    private SocketChannel channel;
    private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_BYTES);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("mproc-floor");
        Path socket = directory.resolve("echo.sock");
        String java = ProcessHandle.current().info().command().orElse("java");
        echo = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EchoMain.class.getName(), socket.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready = new BufferedReader(new InputStreamReader(echo.getInputStream())).readLine();
        if (!"listening".equals(ready)) {
            throw new IOException("the echo process said " + ready);
        }
        channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        channel.close();
        echo.waitFor(10, TimeUnit.SECONDS);
        echo.destroyForcibly();
        Files.deleteIfExists(directory.resolve("echo.sock"));
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public ByteBuffer roundTrip() throws IOException {
        message.clear();
        while (message.hasRemaining()) {
            channel.write(message);
        }
        message.clear();
        while (message.hasRemaining()) {
            if (channel.read(message) < 0) {
                throw new IOException("the echo process went away");
            }
        }
        return message;
    }
}
