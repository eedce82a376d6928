package org.mproc;

import java.io.Serializable;

/**
 * Work that runs in a child JVM: the target of a {@link ChildProcess} or a {@link Pool}'s
 * initializer. It travels by serialization, so everything it captures must be
 * {@link Serializable}; a lambda that calls a static method and captures only serializable values
 * is the usual shape, and a lambda should not capture a non-serializable {@code this}. The child
 * sees copies of what was captured, never this JVM's objects (G-PROC-5 of docs/GUARANTEES.md).
 *
 * <pre>{@code
 * ProcessTask task = () -> System.out.println("running in " + ProcessHandle.current().pid());
 * }</pre>
 */
@FunctionalInterface
public interface ProcessTask extends Serializable {
    /**
     * Runs in the child. As a {@link ChildProcess} target, returning ends the child with exit code
     * 0, and an exception ends it with exit code 1 and becomes its {@link ChildProcess#failure()}
     * (G-PROC-1, G-PROC-3); as a pool initializer, an exception fails the pool (G-POOL-10).
     *
     * @throws Exception anything; it is reported to the parent rather than lost
     */
    void run() throws Exception;
}
