package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mproc.ProcessException;
import org.mproc.ProcessFunction;

/**
 * A member whose class path lacks the task's class fails the call naming the class and the member,
 * promptly rather than with a hang (G-CLUSTER-2); an address that is not loopback is refused unless
 * asked for (G-CLUSTER-1).
 */
@Timeout(120)
class MemberClassPathTest {
    private static Path codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    @Tag("G-CLUSTER-2")
    void aTaskClassMissingOnTheMemberIsNamed() throws Exception {
        List<Path> withoutTests = List.of(codeSource(Cluster.class), codeSource(ProcessFunction.class), codeSource(HazelcastInstance.class));
        try (Cluster cluster = Cluster.builder().members(1).classPath(withoutTests).start(); ClusterPool pool = cluster.pool()) {
            ProcessException e = assertThrows(ProcessException.class, () -> pool.map(x -> x + 1, List.of(1, 2)));
            assertTrue(e.getMessage().contains(MemberClassPathTest.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + cluster.memberPids().get(0)), e.getMessage());
        }
    }

    @Test
    @Tag("G-CLUSTER-1")
    void aNonLoopbackHostIsRefusedUnlessAskedFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cluster.builder().members(1).host("0.0.0.0").start());
        assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
        assertTrue(e.getMessage().contains("allowNonLoopback()"), e.getMessage());
    }
}
