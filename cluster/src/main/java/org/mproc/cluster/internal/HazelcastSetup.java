package org.mproc.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A member's Hazelcast configuration from its {@link MemberSettings}: its own cluster name, bound
 * to the settings' address only, joined over TCP/IP to the members' port range (no multicast, no
 * discovery), a heartbeat bound, no phone-home, no shutdown hook (the library stops its members),
 * the member's pid as an attribute, one synchronous backup for mproc's queues and dicts, mproc's
 * {@link MprocSerializables} factory (everything mproc sends: the sealed task, dict update, queue
 * request and queue state, built from their ids), and Java deserialization filtered to Hazelcast's
 * default whitelist, which holds none of mproc's classes and no class of the caller's
 * (G-CLUSTER-3): Hazelcast refuses any other Java-serialized class before it is built.
 */
public final class HazelcastSetup {
    /** The member attribute that holds the member JVM's pid. */
    public static final String PID_ATTRIBUTE = "mproc.pid";
    /**
     * The member attribute that tells members of one secret from members of another under the same
     * cluster name: an HMAC of a fixed text under the secret, which reveals nothing of it.
     */
    public static final String SECRET_ID_ATTRIBUTE = "mproc.secret-id";
    /** The executor a cluster pool's tasks run in: as many threads as the member's cores. */
    public static final String EXECUTOR = "mproc-pool";

    /** What Hazelcast asks a member JVM to open to it (its internal API access; it warns without). */
    public static final java.util.List<String> MEMBER_JVM_ACCESS = java.util.List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /**
     * How long the master waits on one partition migration before it gives it up and plans again
     * (Hazelcast's default is 300 s). mproc's partitions hold queues and dicts in memory, which move in
     * well under a second on loopback.
     */
    static final int MIGRATION_TIMEOUT_SECONDS = 30;

    /** Threads that run Hazelcast's future completions in this JVM when the common pool cannot. */
    static final int ASYNC_THREADS = 4;
    private static final AtomicBoolean ASYNC_POOL_SET = new AtomicBoolean();

    /** Held so the level set on it stays: the logging framework keeps loggers only weakly. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private HazelcastSetup() {}

    /** The value of {@link #SECRET_ID_ATTRIBUTE} for {@code secret}. */
    public static String secretId(byte[] secret) {
        byte[] tag = Envelope.seal(secret, "mproc member of this secret", new byte[0]);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Arrays.copyOfRange(tag, tag.length - Envelope.TAG_BYTES, tag.length));
    }

    /**
     * The configuration; {@code lite} for the caller's own member, which holds no data and runs no
     * task. Also gives Hazelcast a pool for its future completions where the JVM's common pool has a
     * single thread ({@link #poolAsyncCompletions}).
     */
    public static Config config(MemberSettings s, boolean lite) {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        poolAsyncCompletions();
        Config c = new Config();
        c.setClusterName(s.clusterName());
        c.setInstanceName(s.clusterName() + "-" + s.name());
        c.setLiteMember(lite);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(s.heartbeatSeconds()));
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "3600");
        // a migration whose operation was lost (its member killed or replaced at the same address mid-way) is
        // given up and planned again after this long, not after Hazelcast's 300 s: until then the cluster is not safe
        c.setProperty("hazelcast.partition.migration.timeout", String.valueOf(MIGRATION_TIMEOUT_SECONDS));
        // a response is handled on the I/O thread that read it: one thread hand-off less per task and per queue or
        // dict operation, and the handling is short (a future completed; what waits on it runs elsewhere)
        c.setProperty("hazelcast.operation.response.thread.count", "0");
        NetworkConfig network = c.getNetworkConfig();
        network.setPort(s.basePort()).setPortCount(s.portCount()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(s.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(s.host()); // tried on every port of the range
        c.getMemberAttributeConfig().setAttribute(PID_ATTRIBUTE, String.valueOf(ProcessHandle.current().pid()));
        c.getMemberAttributeConfig().setAttribute(SECRET_ID_ATTRIBUTE, secretId(s.secret()));
        c.addMapConfig(new MapConfig(DictEntries.PREFIX + "*").setBackupCount(1).setAsyncBackupCount(0));
        c.addMapConfig(new MapConfig(QueueElements.MAP).setBackupCount(1).setAsyncBackupCount(0).setInMemoryFormat(InMemoryFormat.OBJECT));
        c.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(Runtime.getRuntime().availableProcessors()));
        // nothing of mproc's crosses by Java serialization: the filter allows only Hazelcast's own default prefixes
        c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
        c.getSerializationConfig().addDataSerializableFactory(MprocSerializables.FACTORY_ID, new MprocSerializables());
        return c;
    }

    /**
     * Hazelcast completes its futures' dependents on the JVM's common pool, or, where that pool has
     * one thread (as on 2 cores), on a new thread for every completion: two threads started per
     * task a pool runs. Where that is so, gives it {@value #ASYNC_THREADS} daemon threads instead,
     * once per JVM (the members' JVMs are started with a larger common pool; a caller's JVM is the
     * user's to configure).
     */
    static void poolAsyncCompletions() {
        if (ForkJoinPool.getCommonPoolParallelism() > 1 || !ASYNC_POOL_SET.compareAndSet(false, true)) {
            return;
        }
        ForkJoinPool.ForkJoinWorkerThreadFactory threads = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("mproc-hazelcast-async-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        };
        ConcurrencyUtil.setDefaultAsyncExecutor(new ForkJoinPool(ASYNC_THREADS, threads, null, true));
    }
}
