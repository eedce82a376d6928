package org.mproc.harness.subject;

import org.mproc.Namespace;

/** {@link CounterSubject} as the runtime provides it: {@link Namespace#updateAndGet}, run in the server. */
public final class RealCounter implements CounterSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public int increment(Namespace shared, String name) {
        return shared.<Integer>updateAndGet(name, RealCounter::plusOne);
    }

    private static Integer plusOne(Integer v) {
        return v + 1;
    }
}
