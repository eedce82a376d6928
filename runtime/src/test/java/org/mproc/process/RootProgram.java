package org.mproc.process;

import org.mproc.ChildProcess;
import org.mproc.Pool;

/**
 * A root process for tests that must kill a root: it starts a daemon and a non-daemon child that
 * never end, prints {@code children <pid> <pid> tree <dir>}, then waits to be killed. With the
 * argument {@code pool} it starts a two-worker pool instead, whose tasks each print
 * {@code busy <pid>} and never end.
 */
public final class RootProgram {
    private RootProgram() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("pool")) {
            Pool pool = new Pool(2);
            pool.mapAsync(RootProgram::busyForever, java.util.List.of(1, 2), 1);
            Thread.sleep(Long.MAX_VALUE);
        }
        ChildProcess daemon = ChildProcess.builder().name("daemon").daemon(true)
                .target(ChildProcessExitRulesTest::grandchildSleeps).build();
        ChildProcess plain = new ChildProcess("plain", ChildProcessExitRulesTest::grandchildSleeps);
        daemon.start();
        plain.start();
        System.out.println("children " + daemon.pid() + " " + plain.pid() + " tree "
                + org.mproc.internal.spawn.ProcessTree.current().directory());
        Thread.sleep(Long.MAX_VALUE);
    }

    static Integer busyForever(Integer task) throws InterruptedException {
        System.out.println("busy " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
        return task;
    }
}
