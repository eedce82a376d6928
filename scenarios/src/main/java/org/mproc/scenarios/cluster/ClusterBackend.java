package org.mproc.scenarios.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scenarios {@code run --backend cluster} grades on a local cluster (G-CLUSTER-10), each with
 * the cluster adapter that replaces its subject: the pool's map (02, 04) and apply (06b). The
 * others are not graded there: 02f kills the worker running a task, which on the shared cluster
 * would kill its members one by one (member death is {@code MemberDeathTest}'s); 03, 05c and 05d
 * run their subjects in child processes that are not members of the cluster.
 */
public final class ClusterBackend {
    private static final Map<String, Class<?>> ADAPTERS = new TreeMap<>(Map.of(
            "02", ClusterMap.class,
            "04", ClusterMap.class,
            "06b", ClusterPoolFailure.class));

    private ClusterBackend() {}

    /** The adapter class for scenario {@code id}, or empty when the backend does not grade it. */
    public static Optional<String> adapter(String id) {
        return Optional.ofNullable(ADAPTERS.get(id.toLowerCase(Locale.ROOT))).map(Class::getName);
    }

    /** Sets how many member JVMs the cluster the adapters share has (3 by default), at least 1. */
    public static void members(int count) {
        SharedCluster.members(count);
    }

    /** The ids of the scenarios the backend grades, in order. */
    public static Set<String> scenarioIds() {
        return ADAPTERS.keySet();
    }
}
