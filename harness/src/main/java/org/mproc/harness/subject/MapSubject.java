package org.mproc.harness.subject;

import java.io.Serializable;
import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** A parallel map over a pool: {@code Pool.map}'s contract, results in input order (G-POOL-1). */
public interface MapSubject extends Serializable {
    /**
     * Maps {@code f} over {@code items}.
     *
     * @param pool the trial's local pool, or null when {@link #usesTheLocalPool()} is false
     */
    <T, R> List<R> map(Pool pool, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize);

    /**
     * Whether the trial must start a local pool for this subject; one that maps elsewhere (on a
     * cluster) answers false and is given no pool, so no idle workers compete for the cores.
     */
    default boolean usesTheLocalPool() {
        return true;
    }
}
