package org.mproc.scenarios.broken;

import org.mproc.Namespace;
import org.mproc.harness.subject.CounterSubject;

/**
 * An "atomic" increment that is not (G-HAR-4): a read, then a write, two calls to the server with
 * nothing holding the counter between them, so concurrent increments overwrite each other.
 */
public final class NonAtomicCounter implements CounterSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public int increment(Namespace shared, String name) {
        int next = shared.<Integer>get(name) + 1;
        shared.set(name, next);
        return next;
    }
}
