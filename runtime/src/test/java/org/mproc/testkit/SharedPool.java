package org.mproc.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mproc.Pool;

/**
 * One pool for a whole test class, its workers reused by every test (and every property example),
 * started before the first test and closed within a bound after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedPool POOL = new SharedPool(2);
 * ... POOL.get().map(...) ...
 * }</pre>
 */
public final class SharedPool implements BeforeAllCallback, AfterAllCallback {
    private final int processes;
    private Pool pool;

    public SharedPool(int processes) {
        this.processes = processes;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pool = new Pool(processes);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pool != null) {
            Pools.closeWithin(pool, Delays.CHILD);
        }
    }

    public Pool get() {
        if (pool == null) {
            throw new IllegalStateException("the shared pool is used outside its test class");
        }
        return pool;
    }
}
