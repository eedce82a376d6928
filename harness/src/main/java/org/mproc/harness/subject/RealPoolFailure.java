package org.mproc.harness.subject;

import org.mproc.Pool;
import org.mproc.ProcessFunction;

/** {@link PoolFailureSubject} as the runtime provides it: {@link Pool#apply}. */
public final class RealPoolFailure implements PoolFailureSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <T, R> R apply(Pool pool, ProcessFunction<? super T, ? extends R> f, T arg) {
        return pool.apply(f, arg);
    }
}
