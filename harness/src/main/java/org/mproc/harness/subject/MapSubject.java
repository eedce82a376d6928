package org.mproc.harness.subject;

import java.io.Serializable;
import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** A parallel map over a pool: {@code Pool.map}'s contract, results in input order (G-POOL-1). */
public interface MapSubject extends Serializable {
    <T, R> List<R> map(Pool pool, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize);
}
