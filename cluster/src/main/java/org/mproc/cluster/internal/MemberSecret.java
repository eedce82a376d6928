package org.mproc.cluster.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of the clusters whose members run in this JVM, by cluster name: registered when a
 * member starts, read by the tasks it runs ({@link SealedTask} learns its member's cluster from the
 * instance Hazelcast gives it), forgotten when the member stops. A task carries no key of its own.
 */
public final class MemberSecret {
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();

    private MemberSecret() {}

    /** Registers the key of {@code clusterName}'s member in this JVM. */
    public static void register(String clusterName, byte[] secret) {
        KEYS.put(clusterName, secret.clone());
    }

    /** Forgets it, when that member stops. */
    public static void forget(String clusterName) {
        KEYS.remove(clusterName);
    }

    /** The key of {@code clusterName}, or an exception when no member of it runs here. */
    static byte[] of(String clusterName) {
        byte[] k = KEYS.get(clusterName);
        if (k == null) {
            throw new IllegalStateException("no member of cluster " + clusterName + " runs in this JVM");
        }
        return k;
    }
}
