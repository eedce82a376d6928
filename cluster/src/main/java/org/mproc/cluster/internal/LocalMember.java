package org.mproc.cluster.internal;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * The running member of a cluster in this JVM: the caller's own (lite) member, or the member a
 * task runs in. A queue, dict or lock handle sent to a task finds its cluster through it.
 */
public final class LocalMember {
    private LocalMember() {}

    /**
     * The member of {@code clusterName} running here.
     *
     * @param what the handle asking, for the message: {@code queue jobs}
     * @throws IllegalStateException when no member of that cluster runs in this JVM
     */
    public static HazelcastInstance of(String clusterName, String what) {
        return Hazelcast.getAllHazelcastInstances().stream()
                .filter(h -> h.getConfig().getClusterName().equals(clusterName) && h.getLifecycleService().isRunning())
                .findFirst().orElseThrow(() -> new IllegalStateException("no member of cluster " + clusterName
                        + " runs in this JVM: " + what + " is used from the cluster's caller or its tasks"));
    }
}
