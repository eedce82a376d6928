package org.mproc.harness.subject;

import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** {@link MapSubject} as the runtime provides it: {@link Pool#map(ProcessFunction, Iterable, int)}. */
public final class RealMap implements MapSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <T, R> List<R> map(Pool pool, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize) {
        return pool.map(f, items, chunksize);
    }
}
