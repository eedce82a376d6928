package org.mproc.harness.subject;

import java.io.Serializable;
import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** One task on a pool, whose failure must reach the caller as {@code TaskFailedException} (G-POOL-3). */
public interface PoolFailureSubject extends Serializable {
    /**
     * Applies {@code f} to {@code arg}.
     *
     * @param pool the trial's local pool, or null when {@link #usesTheLocalPool()} is false
     */
    <T, R> R apply(Pool pool, ProcessFunction<? super T, ? extends R> f, T arg);

    /**
     * Whether the trial must start a local pool for this subject; one that applies elsewhere (on a
     * cluster) answers false and is given no pool.
     */
    default boolean usesTheLocalPool() {
        return true;
    }
}
