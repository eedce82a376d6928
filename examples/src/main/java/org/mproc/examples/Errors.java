package org.mproc.examples;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.WorkerDiedException;

/**
 * What a failure in another process looks like in this one. A pool task that throws fails its
 * call with {@link TaskFailedException}, whose cause is the task's own exception, restored with
 * its class and message. A pool worker that dies in the middle of a task fails the call with
 * {@link WorkerDiedException} — where Python's pool would wait for ever — and the pool replaces
 * the worker, so it goes on serving calls. A {@link ChildProcess} whose target throws exits with
 * code 1, and {@link ChildProcess#failure()} hands back the exception.
 *
 * <p>The failing child's stack trace appears on this program's error stream, as the child
 * printed it: a child's output is relayed to its parent's.
 *
 * <pre>java -jar examples/target/mproc-examples.jar errors</pre>
 */
public final class Errors {
    static final String NAME = "errors";

    private Errors() {}

    public static void main(String[] args) throws InterruptedException {
        run();
    }

    /** The program; throws instead of exiting, so that a test can call it. */
    static void run() throws InterruptedException {
        try (Pool pool = new Pool(2)) {
            try {
                pool.map(x -> 10 / x, List.of(1, 0, 2));
                Check.that(false, "10 / 0 did not fail the map");
            } catch (TaskFailedException e) {
                Check.that(e.getCause() instanceof ArithmeticException, "the cause is " + e.getCause());
                Check.that(e.taskIndex() == 1, "the failing task is #" + e.taskIndex() + ", not #1");
                System.out.printf("a task threw:     TaskFailedException, task #%d, cause %s%n", e.taskIndex(), e.getCause());
            }

            try {
                pool.apply(Errors::crash, 3);
                Check.that(false, "the worker's halt did not fail the call");
            } catch (WorkerDiedException e) {
                Check.that(e.exitCode().equals(OptionalInt.of(3)), "the worker's exit code is " + e.exitCode());
                System.out.printf("a worker died:    WorkerDiedException, pid %d, exit code %d%n", e.pid(), e.exitCode().getAsInt());
            }

            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
            Check.that(squares.equals(List.of(1, 4, 9)), "after the failures the pool returned " + squares);
            System.out.println("the pool goes on: " + squares);
        }

        ChildProcess child = new ChildProcess("config-loader", () -> loadConfig("no-such-file.properties"));
        child.start();
        child.join();
        Check.that(child.exitCode().equals(OptionalInt.of(1)), "the failed child's exit code is " + child.exitCode());
        Throwable failure = child.failure().orElse(null);
        Check.that(failure instanceof NoSuchFileException, "the child's failure is " + failure);
        System.out.printf("a child failed:   exit code 1, failure() = %s%n", failure);
        System.out.println("OK " + NAME);
    }

    /** Runs in a pool worker and kills it, as a crash in native code or an OOM killer would. */
    static int crash(int exitCode) {
        Runtime.getRuntime().halt(exitCode);
        return exitCode;
    }

    /** Runs in a child process; the file does not exist. */
    static void loadConfig(String file) throws Exception {
        Files.readString(Path.of(file));
    }
}
