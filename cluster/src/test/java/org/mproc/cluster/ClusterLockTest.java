package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.SharedLock;
import org.mproc.WorkerDiedException;

/**
 * A cluster lock with the local manager's contract (G-CLUSTER-8): it excludes across member JVMs
 * (read-then-write increments under it lose nothing), it is not reentrant, and a holder's death
 * releases it with the abandonment visible to the next holder; the cluster's {@code close()} then
 * leaves none of its members alive, the killed one reaped, no port bound and no file (G-CLUSTER-1).
 */
@Tag("G-CLUSTER-8")
@Timeout(180)
@ExtendWith(SharedTestCluster.class)
class ClusterLockTest {
    @Test
    void itExcludesAcrossMembersAndIsNotReentrant(Cluster cluster, ClusterPool pool) throws Exception {
        SharedLock lock = cluster.lock("counter");
        ClusterDict<String, Integer> d = cluster.dict("locked");
        d.put("n", 0);
        pool.map(i -> {
            for (int k = 0; k < 50; k++) {
                lock.lock();
                try {
                    d.put("n", d.get("n") + 1); // a read then a write: exact only if the lock excludes
                } finally {
                    lock.unlock();
                }
            }
            return i;
        }, List.of(1, 2, 3, 4), 1);
        assertEquals(200, d.get("n"));

        lock.lock();
        try {
            assertTrue(lock.isLocked());
            assertFalse(lock.tryLock(), "the holder's tryLock answers false");
            assertFalse(lock.tryLock(Duration.ofSeconds(5)), "and at once with a timeout");
            assertThrows(IllegalStateException.class, lock::lock);
        } finally {
            lock.unlock();
        }
        assertFalse(lock.isLocked());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    @Tag("G-CLUSTER-1")
    void aHoldersDeathReleasesItAndTheNextHolderIsTold() throws Exception {
        List<Long> members;
        List<Integer> ports;
        Path logs;
        try (Cluster cluster = Cluster.local(2); ClusterPool pool = cluster.pool()) {
            members = cluster.memberPids();
            ports = cluster.hazelcast().getCluster().getMembers().stream().map(m -> m.getAddress().getPort()).toList();
            logs = cluster.logDirectory();
            SharedLock lock = cluster.lock("ledger");
            assertThrows(WorkerDiedException.class, () -> pool.apply(x -> {
                lock.lock();
                new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor(); // dies holding it
                return x;
            }, 1));
            try (SharedLock.Held held = lock.acquire()) {
                assertTrue(held.abandoned(), "the next holder learns the previous one died holding it");
            }
            try (SharedLock.Held held = lock.acquire()) {
                assertFalse(held.abandoned(), "a lock released normally is not abandoned");
            }
        }
        for (long pid : members) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " outlived close()");
        }
        for (int port : ports) {
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort(), "port " + port + " is free again");
            }
        }
        assertFalse(Files.exists(logs), "the members' log directory " + logs + " is gone");
    }
}
