package org.mproc;

/**
 * A root process for tests that must kill a root: it starts a daemon and a non-daemon child that
 * never end, prints {@code children <pid> <pid> tree <dir>}, then waits to be killed.
 */
public final class RootProgram {
    private RootProgram() {}

    public static void main(String[] args) throws InterruptedException {
        ChildProcess daemon = ChildProcess.builder().name("daemon").daemon(true)
                .target(ChildProcessExitRulesTest::grandchildSleeps).build();
        ChildProcess plain = new ChildProcess("plain", ChildProcessExitRulesTest::grandchildSleeps);
        daemon.start();
        plain.start();
        System.out.println("children " + daemon.pid() + " " + plain.pid() + " tree "
                + org.mproc.spawn.ProcessTree.current().directory());
        Thread.sleep(Long.MAX_VALUE);
    }
}
