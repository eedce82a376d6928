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
 * {@code return}, {@code throw} (an exception out of main) or {@code exit} ({@code System.exit(0)}).
 */
public final class LaunchedProgram {
    private LaunchedProgram() {}

    public static void main(String[] args) throws Exception {
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
        System.out.println("OK");
        switch (args.length == 0 ? "return" : args[0]) {
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
