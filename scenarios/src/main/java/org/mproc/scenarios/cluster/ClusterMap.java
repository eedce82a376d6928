package org.mproc.scenarios.cluster;

import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.harness.subject.MapSubject;

/**
 * {@code ClusterPool.map} as the subject of the map scenarios (02, 04; G-CLUSTER-10): the items go
 * to the members of the {@link SharedCluster}, graded by the same tables as the local pool; the
 * trial starts no local pool.
 *
 * <pre>{@code
 * scripts/harness run 02 04 --backend cluster
 * }</pre>
 */
public final class ClusterMap implements MapSubject {
    private static final long serialVersionUID = 1L;

    /** Starts the shared cluster now, before the run's first trial. */
    public ClusterMap() {
        SharedCluster.pool();
    }

    @Override
    public <T, R> List<R> map(Pool unused, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize) {
        return SharedCluster.pool().map(f, items, chunksize);
    }

    @Override
    public boolean usesTheLocalPool() {
        return false;
    }
}
