package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * A cluster that cannot bind any port of its range fails naming the address and ports; a cluster
 * whose name is taken by members of another secret is refused naming them (G-CLUSTER-1).
 */
@Tag("G-CLUSTER-1")
@Timeout(180)
class ClusterBadInputTest {
    @TempDir
    Path dir;

    @Test
    void noFreePortInTheRangeFailsNamingIt() throws Exception {
        List<ServerSocket> taken = new ArrayList<>();
        int base = 30000 + (int) (ProcessHandle.current().pid() % 20000);
        try {
            for (int p = base; p < base + 9; p++) {
                taken.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cluster.builder().members(1).basePort(base).start());
            assertTrue(e.getMessage().contains("could not start on 127.0.0.1:" + base), e.getMessage());
        } finally {
            for (ServerSocket s : taken) {
                s.close();
            }
        }
    }

    @Test
    void aNameTakenByMembersOfAnotherSecretIsRefused() throws Exception {
        int port = 31000 + (int) (ProcessHandle.current().pid() % 20000);
        String name = "mproc-clash-" + ProcessHandle.current().pid();
        Path theirs = dir.resolve("theirs.conf");
        Path ours = dir.resolve("ours.conf");
        ConfigFile.create(theirs, name, "127.0.0.1", port);
        ConfigFile.create(ours, name, "127.0.0.1", port); // same name and ports, another secret
        String cp = ChildClassPath.resolve(null, "a test member", ClusterBadInputTest.class, MemberMain.class).value();
        Process stranger = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m", "-cp", cp,
                MemberMain.class.getName(), "--config", theirs.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(stranger.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(String.valueOf(line).startsWith(MemberMain.READY), line);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Cluster.builder().config(ours).members(1).start());
            assertTrue(e.getMessage().contains("cluster name " + name + " is in use") && e.getMessage().contains("another secret"),
                    e.getMessage());
        } finally {
            stranger.destroy();
            if (!stranger.waitFor(30, TimeUnit.SECONDS)) {
                stranger.destroyForcibly().waitFor();
            }
        }
    }
}
