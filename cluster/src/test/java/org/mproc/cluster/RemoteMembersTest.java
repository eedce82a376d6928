package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.cluster.internal.ConfigFile;
import org.mproc.cluster.internal.MemberMain;
import org.mproc.internal.spawn.ChildClassPath;

/**
 * Members started on their own from a settings file, as {@code scripts/cluster-member} starts them
 * on other machines (G-CLUSTER-5): the file is written readable by its owner only and refused
 * otherwise, a caller joins with the same file, starts one more member of its own and maps on both,
 * its close stops its own and leaves the other running, and
 * a file with an unknown key stops the member with the key named.
 */
@Tag("G-CLUSTER-5")
@Timeout(180)
class RemoteMembersTest {
    @TempDir
    Path dir;

    private static Process member(Path config) throws Exception {
        String cp = ChildClassPath.resolve(null, "a test member", RemoteMembersTest.class, MemberMain.class, RemoteMembersTest.class).value();
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", cp, MemberMain.class.getName(), "--config", config.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return String.valueOf(out.readLine());
    }

    @Test
    void aCallerJoinsMembersStartedFromTheFileAndLeavesThemRunning() throws Exception {
        Path config = dir.resolve("cluster.conf");
        ConfigFile.create(config, "mproc-remote-" + ProcessHandle.current().pid(), "127.0.0.1", 21000 + (int) (ProcessHandle.current().pid() % 20000));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        List<Process> members = new ArrayList<>();
        try {
            members.add(member(config));
            for (Process m : members) {
                String line = firstLine(m);
                assertTrue(line.startsWith(MemberMain.READY), line);
            }
            List<Long> own;
            try (Cluster cluster = Cluster.builder().config(config).members(1).awaitMembers(2).start(); ClusterPool pool = cluster.pool()) {
                own = cluster.memberPids();
                List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1);
                List<Long> expected = new ArrayList<>(cluster.memberPids());
                expected.add(members.get(0).pid());
                assertEquals(expected.stream().sorted().toList(), pids.stream().distinct().sorted().toList(),
                        "the member started from the file and the one started here ran the map");
            }
            assertTrue(members.get(0).isAlive(), "closing the caller's cluster leaves a member it did not start running");
            for (long pid : own) {
                assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the member it started, " + pid + ", is stopped");
            }
        } finally {
            for (Process m : members) {
                m.destroy(); // SIGTERM: the member leaves the cluster through its shutdown hook
                if (!m.waitFor(30, TimeUnit.SECONDS)) {
                    m.destroyForcibly().waitFor();
                }
            }
        }
    }

    @Test
    void aFileOthersMayReadOrWithAnUnknownKeyIsRefused() throws Exception {
        Path config = dir.resolve("open.conf");
        ConfigFile.create(config, "mproc-open", "127.0.0.1", 5701);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> Cluster.builder().config(config).members(0).awaitMembers(1).start());
        assertTrue(open.getMessage().contains("chmod 600 " + config), open.getMessage());

        Path unknown = dir.resolve("unknown.conf");
        ConfigFile.create(unknown, "mproc-unknown", "127.0.0.1", 5701);
        Files.writeString(unknown, "bindAny=true\n", java.nio.file.StandardOpenOption.APPEND);
        Process m = member(unknown);
        String line = firstLine(m);
        assertTrue(m.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, m.exitValue());
        assertTrue(line.startsWith(MemberMain.FAILED) && line.contains("unknown key 'bindAny'"), line);
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.create(unknown, "x", "127.0.0.1", 5701));
        assertTrue(exists.getMessage().contains("exists; not overwritten"), exists.getMessage());
    }
}
