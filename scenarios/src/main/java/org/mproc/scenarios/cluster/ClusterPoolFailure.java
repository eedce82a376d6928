package org.mproc.scenarios.cluster;

import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.harness.subject.PoolFailureSubject;

/**
 * {@code ClusterPool.apply} as the subject of the task-failure scenario (06b; G-CLUSTER-10): a
 * task's exception must reach the caller from a member JVM as {@code TaskFailedException}, with
 * the same table as the local pool; the trial starts no local pool.
 */
public final class ClusterPoolFailure implements PoolFailureSubject {
    private static final long serialVersionUID = 1L;

    /** Starts the shared cluster now, before the run's first trial. */
    public ClusterPoolFailure() {
        SharedCluster.pool();
    }

    @Override
    public <T, R> R apply(Pool unused, ProcessFunction<? super T, ? extends R> f, T arg) {
        return SharedCluster.pool().apply(f, arg);
    }

    @Override
    public boolean usesTheLocalPool() {
        return false;
    }
}
