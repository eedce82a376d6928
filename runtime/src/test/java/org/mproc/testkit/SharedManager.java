package org.mproc.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mproc.Manager;

/**
 * One manager server for a whole test class, started before its first test and closed after its
 * last, so the class pays for one server JVM:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedManager MANAGER = new SharedManager();
 * ... MANAGER.get().namespace() ...
 * }</pre>
 */
public final class SharedManager implements BeforeAllCallback, AfterAllCallback {
    private Manager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = Manager.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (manager != null) {
            manager.close();
        }
    }

    public Manager get() {
        if (manager == null) {
            throw new IllegalStateException("the shared manager is used outside its test class");
        }
        return manager;
    }
}
