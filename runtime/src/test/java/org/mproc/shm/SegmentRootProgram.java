package org.mproc.shm;

import java.util.concurrent.locks.LockSupport;
import org.mproc.ChildProcess;
import org.mproc.SharedMemory;
import org.mproc.internal.spawn.ProcessTree;

/**
 * A root process for {@link SharedMemoryCleanupTest}. With {@code kill}: creates segment
 * {@code left-behind}, starts a child that attaches to it and never ends, prints
 * {@code segments <dir>} once the child has attached, and waits to be killed. With {@code exit}:
 * creates {@code kept-a} and {@code gone}, has a child create {@code kept-by-child}, unlinks
 * {@code gone} only, prints {@code segments <dir>} and returns from {@code main}.
 */
public final class SegmentRootProgram {
    private SegmentRootProgram() {}

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("kill")) {
            SharedMemory shm = SharedMemory.create("left-behind", 8);
            ChildProcess child = new ChildProcess("attached", () -> holdForever(shm));
            child.start();
            while (shm.getLongVolatile(0) == 0) { // the child says it attached; the test bounds the wait
                LockSupport.parkNanos(1_000_000);
            }
            System.out.println("segments " + ProcessTree.current().segmentDirectory());
            Thread.sleep(Long.MAX_VALUE);
        }
        SharedMemory.create("kept-a", 8);
        SharedMemory.create("gone", 8).unlink();
        ChildProcess creator = new ChildProcess("creator", SegmentRootProgram::createKeptByChild);
        creator.start();
        creator.join();
        System.out.println("segments " + ProcessTree.current().segmentDirectory());
    }

    static void holdForever(SharedMemory shm) throws InterruptedException {
        shm.setLongVolatile(0, ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void createKeptByChild() {
        SharedMemory.create("kept-by-child", 8).close();
    }
}
