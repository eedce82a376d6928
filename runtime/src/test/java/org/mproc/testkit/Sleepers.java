package org.mproc.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mproc.ChildProcess;

/** A child that says it is running, then sleeps until it is signalled: for tests of signals and lifecycles. */
public final class Sleepers {
    private Sleepers() {}

    /** The sleeper's task: prints {@code running}, then sleeps for ever. */
    public static void announceAndSleep() throws InterruptedException {
        System.out.println("running");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts a sleeper through {@code reaper} and returns once its task is running. */
    public static ChildProcess startRunning(Reaper reaper, String name) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        ChildProcess p = reaper.start(ChildProcess.builder().name(name).target(Sleepers::announceAndSleep)
                .output(line -> {
                    if (line.equals("running")) {
                        running.countDown();
                    }
                }).build());
        if (!running.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " never said it was running\n" + ThreadDumps.of(p));
        }
        return p;
    }
}
