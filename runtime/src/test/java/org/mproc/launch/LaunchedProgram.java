package org.mproc.launch;

import java.util.List;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.Pool;
import org.mproc.ProcessQueue;
import org.mproc.SharedValue;

/**
 * What a user's program does, run by {@link IsolatedLauncher} in tests: a pool map, a child that
 * answers on a queue, a manager value; prints {@code OK} and then ends as the argument says:
 * {@code return}, {@code throw} (an exception out of main), {@code exit} ({@code System.exit(0)}) or
 * {@code leave-open} (a pool, a queue and a manager still open when main returns); with
 * {@code only-open} it does nothing but leave them open.
 */
public final class LaunchedProgram {
    private LaunchedProgram() {}

    /** What a short program often does: uses a pool, a queue and a manager, and closes none of them. */
    private static void leaveOpen() throws Exception {
        Pool pool = new Pool(2);
        System.out.println("open pool " + pool.mapAsync(x -> x + 1, List.of(1, 2)).get());
        ProcessQueue<String> queue = ProcessQueue.create(4);
        ChildProcess child = new ChildProcess("open", () -> queue.put("left"));
        child.start();
        System.out.println("open queue " + queue.take());
        Manager manager = Manager.start();
        manager.lock().lock();
        System.out.println("open manager " + manager.value(7).get());
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("only-open")) {
            leaveOpen(); // nothing has ended before the JVM's exit: every exit is handled during it
            System.out.println("OK");
            return;
        }
        try (Pool pool = new Pool(2)) {
            System.out.println("map " + pool.map(x -> x * x, List.of(1, 2, 3)));
        }
        ProcessQueue<String> answers = ProcessQueue.create();
        ChildProcess child = new ChildProcess("answering", () -> answers.put("hello"));
        child.start();
        child.join();
        System.out.println("child " + answers.take() + " " + child.exitCode().getAsInt());
        try (Manager manager = Manager.start()) {
            SharedValue<Integer> value = manager.value(41);
            value.set(value.get() + 1);
            System.out.println("manager " + value.get());
        }
        String ending = args.length == 0 ? "return" : args[0];
        if (ending.equals("leave-open")) {
            leaveOpen();
        }
        System.out.println("OK");
        switch (ending) {
            case "throw":
                throw new IllegalStateException("the program failed on purpose");
            case "exit":
                System.exit(0);
                break;
            default:
                break;
        }
    }
}
