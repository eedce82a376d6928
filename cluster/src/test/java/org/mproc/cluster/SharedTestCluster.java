package org.mproc.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes that need only a healthy cluster one local cluster of two member JVMs, shared
 * by all of them (starting one costs seconds): started for the first parameter of type
 * {@link Cluster} or {@link ClusterPool} it resolves, stopped when the whole test run ends. Tests
 * that kill members or need their own settings start their own cluster; a shared user picks names
 * for its queues, dicts and locks that no other test uses, and never closes the shared pool.
 *
 * <pre>{@code
 * @ExtendWith(SharedTestCluster.class)
 * class SomeTest {
 *     @BeforeAll
 *     static void start(Cluster c, ClusterPool p) { cluster = c; pool = p; }
 * }
 * }</pre>
 */
final class SharedTestCluster implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(SharedTestCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Cluster.class || type == ClusterPool.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
        return parameter.getParameter().getType() == Cluster.class ? running.cluster : running.pool;
    }

    /** The started cluster, kept in the root store, which closes it when the run ends. */
    private static final class Running implements AutoCloseable {
        final Cluster cluster;
        final ClusterPool pool;

        private Running(Cluster cluster) {
            this.cluster = cluster;
            this.pool = cluster.pool();
        }

        static Running start() {
            try {
                return new Running(Cluster.local(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the shared test cluster", e);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
