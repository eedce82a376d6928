package org.mproc.scenarios.cluster;

import java.util.List;
import org.mproc.cluster.Cluster;
import org.mproc.cluster.ClusterPool;

/**
 * The one local cluster the cluster subjects of a harness run share: started by the first subject
 * made (before the runner's first leak check, so its member JVMs are not a trial's leak), with
 * {@link #members(int)} member JVMs (3 by default), and stopped when the JVM exits.
 */
final class SharedCluster {
    private static int members = 3;
    private static Cluster cluster;
    private static ClusterPool pool;
    private static boolean hooked;

    private SharedCluster() {}

    /** Sets how many member JVMs the next cluster started has, at least 1. */
    static synchronized void members(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 member, got " + count);
        }
        members = count;
    }

    static synchronized ClusterPool pool() {
        if (pool == null) {
            try {
                cluster = Cluster.local(members);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the shared cluster", e);
            }
            pool = cluster.pool();
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(SharedCluster::close, "mproc-shared-cluster-stop"));
            }
        }
        return pool;
    }

    /** The pids of the shared cluster's member JVMs; empty when it is not running. */
    static synchronized List<Long> memberPids() {
        return cluster == null ? List.of() : cluster.memberPids();
    }

    /** Stops the shared cluster now (a test that used it); the next subject starts another. */
    static synchronized void close() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
            pool = null;
        }
    }
}
