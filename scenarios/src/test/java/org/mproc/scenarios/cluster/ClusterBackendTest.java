package org.mproc.scenarios.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.scenarios.cli.Main;

/**
 * {@code run --backend cluster} (G-CLUSTER-10): the pool scenarios pass their own outcome tables
 * with a 3-member local cluster as the pool, with no leak; a scenario the backend does not grade,
 * or a subject given beside it, is refused naming what was wrong.
 */
@Tag("G-CLUSTER-10")
class ClusterBackendTest {
    @TempDir
    Path out;

    @AfterAll
    static void stopTheSharedCluster() {
        List<Long> members = SharedCluster.memberPids();
        SharedCluster.close();
        for (long pid : members) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " outlived the run");
        }
    }

    @Test
    @Timeout(240)
    void thePoolScenariosPassTheirTablesOnTheCluster() {
        Run run = run("run", "--backend", "cluster", "--budget", "1s", "--seed", "42", "--out", out.toString());
        assertEquals(0, run.code, run.printed);
        assertTrue(run.printed.contains("backend cluster"), run.printed);
        assertTrue(run.printed.contains("3 of 3 scenarios passed"), run.printed);
        assertEquals(3, SharedCluster.memberPids().size(), "the run used a 3-member cluster");
    }

    @Test
    void aScenarioTheBackendDoesNotGradeIsNamed() {
        Run run = run("run", "03", "--backend", "cluster", "--out", out.toString());
        assertEquals(2, run.code);
        assertTrue(run.printed.contains("scenario 03 is not graded on the cluster backend; it grades 02, 04, 06b"), run.printed);
    }

    @Test
    void aSubjectBesideTheBackendAnUnknownBackendOrAMemberCountWithoutItIsRefused() {
        Run both = run("run", "02", "--backend", "cluster", "--subject", ClusterMap.class.getName(), "--out", out.toString());
        assertEquals(2, both.code);
        assertTrue(both.printed.contains("cannot be combined with --subject"), both.printed);
        Run unknown = run("run", "02", "--backend", "ray", "--out", out.toString());
        assertEquals(2, unknown.code);
        assertTrue(unknown.printed.contains("unknown --backend 'ray'; known: local, cluster"), unknown.printed);
        Run membersAlone = run("run", "02", "--cluster-members", "2", "--out", out.toString());
        assertEquals(2, membersAlone.code);
        assertTrue(membersAlone.printed.contains("--cluster-members needs --backend cluster"), membersAlone.printed);
        Run none = run("run", "02", "--backend", "cluster", "--cluster-members", "0", "--out", out.toString());
        assertEquals(2, none.code);
        assertTrue(none.printed.contains("a cluster needs at least 1 member, got 0"), none.printed);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Main.run(console, console, args);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String printed) {}
}
