package org.mproc.harness.subject;

import java.io.Serializable;
import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** One task on a pool, whose failure must reach the caller as {@code TaskFailedException} (G-POOL-3). */
public interface PoolFailureSubject extends Serializable {
    <T, R> R apply(Pool pool, ProcessFunction<? super T, ? extends R> f, T arg);
}
