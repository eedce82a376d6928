package org.mproc.launch;

import org.mproc.Manager;
import org.mproc.Pool;
import org.mproc.ProcessException;

/**
 * Run by tests with {@code -Dmproc.childJvmOptions} set to an option no JVM accepts, so every child
 * dies at once: starts a manager, then a pool, and prints how each failed.
 */
public final class FailedLaunchProgram {
    private FailedLaunchProgram() {}

    public static void main(String[] args) {
        try (Manager manager = Manager.start()) {
            System.out.println("MANAGER STARTED " + manager);
        } catch (ProcessException e) {
            System.out.println("MANAGER FAILED " + e.getMessage().replace('\n', ' '));
        }
        try (Pool pool = new Pool(2)) {
            System.out.println("POOL STARTED " + pool);
        } catch (ProcessException e) {
            System.out.println("POOL FAILED " + e.getMessage().replace('\n', ' '));
        }
    }
}
