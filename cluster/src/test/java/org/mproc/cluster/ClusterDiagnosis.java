package org.mproc.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.impl.InternalPartitionServiceImpl;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mproc.cluster.internal.HazelcastSetup;

/**
 * What a test prints when a cluster did not reach the state it waited for: the members as the
 * caller's member sees them (address, pid, whether that JVM lives, whether Hazelcast calls it safe),
 * how the partitions' owners are spread, and the last lines of every member's log; the logs are also
 * copied under {@code target/cluster-diagnosis/}, since closing the cluster deletes them.
 */
final class ClusterDiagnosis {
    private static final int LOG_LINES = 25;

    private ClusterDiagnosis() {
    }

    /**
     * The diagnosis on one line, members and partition state only (what a CI summary keeps of an
     * error's message); {@link #describe} has the logs too.
     */
    static String summary(Cluster cluster) {
        HazelcastInstance hz = cluster.hazelcast();
        StringBuilder out = new StringBuilder(safely(() -> serviceState(hz)));
        for (Member m : hz.getCluster().getMembers()) {
            out.append("; ").append(member(hz, m));
        }
        return out.append("; JVMs started ").append(cluster.memberPids()).toString();
    }

    static String describe(Cluster cluster, String when) {
        HazelcastInstance hz = cluster.hazelcast();
        StringBuilder out = new StringBuilder("cluster diagnosis (" + when + "), cluster " + cluster.name() + ":\n");
        PartitionService partitions = hz.getPartitionService();
        out.append("  cluster safe: ").append(partitions.isClusterSafe()).append("; ").append(safely(() -> serviceState(hz))).append('\n');
        for (Member m : hz.getCluster().getMembers()) {
            out.append("  ").append(member(hz, m)).append(' ').append(m.getUuid()).append('\n');
        }
        Map<String, Integer> owners = new TreeMap<>();
        for (Partition p : partitions.getPartitions()) {
            Member owner = p.getOwner();
            owners.merge(owner == null ? "none" : owner.getAddress() + " " + owner.getUuid(), 1, Integer::sum);
        }
        out.append("  partition owners: ").append(owners).append('\n');
        out.append("  member JVMs started here: ").append(cluster.memberPids()).append('\n');
        Path logs = cluster.logDirectory();
        Path kept = Path.of("target", "cluster-diagnosis", cluster.name());
        try (Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path log : files.sorted().toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("  --- ").append(log.getFileName()).append(" (").append(lines.size()).append(" lines; last ").append(LOG_LINES)
                        .append(")\n");
                lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()).forEach(l -> out.append("    ").append(l).append('\n'));
            }
            out.append("  logs kept in ").append(kept.toAbsolutePath()).append('\n');
        } catch (IOException e) {
            out.append("  logs in ").append(logs).append(" unreadable: ").append(e).append('\n');
        }
        return out.toString();
    }

    /** A member as the caller's member sees it: lite or data, address, pid, whether that JVM lives, whether Hazelcast calls it safe. */
    private static String member(HazelcastInstance hz, Member m) {
        String pid = m.getAttribute(HazelcastSetup.PID_ATTRIBUTE);
        boolean alive = pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        return (m.isLiteMember() ? "lite " : "data ") + m.getAddress() + " pid " + pid + (alive ? "" : " NOT ALIVE") + " safe "
                + safely(() -> hz.getPartitionService().isMemberSafe(m));
    }

    /** Why Hazelcast calls the partitions unsafe, as the caller's member (the master) sees it: Hazelcast internals, for a diagnosis only. */
    private static String serviceState(HazelcastInstance hz) {
        InternalPartitionServiceImpl service = ((HazelcastInstanceProxy) hz).getOriginal().node.partitionService;
        return "partition service " + service.getPartitionReplicaStateChecker().getPartitionServiceState() + ", migration ongoing "
                + service.hasOnGoingMigration() + ", migration queue " + service.getMigrationQueueSize();
    }

    private static String safely(java.util.function.Supplier<?> question) {
        try {
            return String.valueOf(question.get());
        } catch (RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
