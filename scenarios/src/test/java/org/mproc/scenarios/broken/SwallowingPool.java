package org.mproc.scenarios.broken;

import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.TaskFailedException;
import org.mproc.harness.subject.PoolFailureSubject;

/**
 * Broken on purpose (G-HAR-4): swallows a task's failure and hands back {@code null}, the silent
 * result that scenario 06b forbids.
 */
public final class SwallowingPool implements PoolFailureSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <T, R> R apply(Pool pool, ProcessFunction<? super T, ? extends R> f, T arg) {
        try {
            return pool.apply(f, arg);
        } catch (TaskFailedException e) {
            return null;
        }
    }
}
