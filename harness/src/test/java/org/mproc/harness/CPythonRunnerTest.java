package org.mproc.harness;

import java.nio.file.Paths;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPython runner with small fake Python programs: a key is graded by the scenario's table, a
 * crash is INFRASTRUCTURE with its stderr, a hang is {@code hang: …} with the program's processes
 * killed, a grandchild left behind is a leak named and killed (G-HAR-7).
 */
@Tag("G-HAR-7")
@Timeout(120)
class CPythonRunnerTest {
    private static final OutcomeTable TABLE = OutcomeTable.builder()
            .exact("heads", Grade.ACCEPTABLE, "one side")
            .exact("edge", Grade.FORBIDDEN, "cannot happen")
            .regex("hang: .*", Grade.FORBIDDEN, "no outcome in time")
            .build();
    private static final RunSettings SETTINGS = new RunSettings(Profile.DEFAULT, Duration.ofMillis(300), 7L, Optional.empty());

    @TempDir
    Path dir;
    private CPython python;
    private final List<Long> started = new ArrayList<>();

    @BeforeEach
    void findPython() {
        Optional<CPython> found = CPython.find(CPython.configured());
        assumeTrue(found.isPresent(), CPython.missing(CPython.configured()));
        python = found.get();
    }

    /** Every pid a fake program wrote down is dead after its test, whatever the runner did. */
    @AfterEach
    void reapWhatTheProgramsStarted() throws IOException {
        try (var files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                started.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ScenarioResult run(String body, Duration timeout) throws Exception {
        Files.writeString(dir.resolve("fake.py"), body, StandardCharsets.UTF_8);
        Scenario scenario = new FakeScenario(TABLE, trial -> Outcome.of("unused"), timeout);
        return new CPythonRunner(python, dir, Duration.ofSeconds(60), line -> { }).run(scenario, "fork", SETTINGS);
    }

    /** Whether {@code pid} is gone within five seconds: a killed orphan is reaped by init on its own time. */
    private static boolean goneSoon(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private long pidIn(String file) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(file)).trim());
    }

    @Test
    void aPrintedKeyIsGradedByTheScenariosTable() throws Exception {
        ScenarioResult r = run("import sys\nassert '--start-method' in sys.argv and 'fork' in sys.argv\nprint('outcome: heads')\n",
                Duration.ofSeconds(30));
        assertTrue(r.passed(), r.failures().toString());
        assertTrue(r.trials() >= 2, "at least the warm-up and one more trial");
        assertEquals("heads", r.counts().get(0).key());
        assertEquals(r.trials(), r.counts().get(0).samples());
        assertEquals(Optional.of("CPython " + python.version() + " fork"), r.subject());
        assertTrue(r.replay().startsWith("scripts/harness cpython fake --start-method fork --seed 7"), r.replay());
    }

    @Test
    void aForbiddenKeyFailsTheRunAtItsFirstTrial() throws Exception {
        ScenarioResult r = run("print('outcome: edge')\n", Duration.ofSeconds(30));
        assertEquals(1, r.trials());
        assertEquals(ScenarioFailure.Kind.FORBIDDEN, r.failures().get(0).kind());
    }

    @Test
    void aCrashIsInfrastructureWithItsStderr() throws Exception {
        ScenarioResult r = run("import sys\nsys.stderr.write('first line\\nthe last words\\n')\nraise SystemExit(3)\n",
                Duration.ofSeconds(30));
        assertEquals(1, r.trials());
        assertTrue(r.counts().isEmpty(), "a crash is no outcome");
        ScenarioFailure f = r.failures().get(0);
        assertEquals(ScenarioFailure.Kind.INFRASTRUCTURE, f.kind());
        assertTrue(f.message().contains("fake.py exited with 3"), f.message());
        assertTrue(f.message().contains("the last words"), f.message());
        assertEquals(2, r.exitCode());
    }

    @Test
    void otherOutputIsInfrastructureNamingIt() throws Exception {
        ScenarioResult r = run("print('hello')\nprint('outcome: heads')\n", Duration.ofSeconds(30));
        ScenarioFailure f = r.failures().get(0);
        assertEquals(ScenarioFailure.Kind.INFRASTRUCTURE, f.kind());
        assertTrue(f.message().contains("printed 2 line(s), the first 'hello'"), f.message());
    }

    @Test
    void aHangIsAnOutcomeAndEveryProcessOfTheProgramIsKilled() throws Exception {
        String body = "import os, subprocess, sys, time\n"
                + "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
                + "open(os.path.join(" + quoted(dir) + ", 'child.pid'), 'w').write(str(child.pid))\n"
                + "open(os.path.join(" + quoted(dir) + ", 'main.pid'), 'w').write(str(os.getpid()))\n"
                + "time.sleep(600)\n";
        ScenarioResult r = run(body, Duration.ofSeconds(2));
        assertEquals(1, r.trials());
        assertEquals("hang: no outcome within 2s", r.counts().get(0).key());
        assertEquals(ScenarioFailure.Kind.FORBIDDEN, r.failures().get(0).kind());
        assertTrue(goneSoon(pidIn("child.pid")), "the program's child was killed");
        assertTrue(goneSoon(pidIn("main.pid")), "the program was killed");
        assertEquals(1, r.failures().size(), "nothing survived the kill, so no leak: " + r.failures());
    }

    @Test
    void aKilledProgramsNamedSemaphoresAreUnlinkedByItsResourceTracker() throws Exception {
        Path shm = Paths.get("/dev/shm");
        assumeTrue(Files.isDirectory(shm), "named semaphores live in /dev/shm on Linux");
        String body = "import multiprocessing as mp, os, time\n"
                + "ctx = mp.get_context('spawn')\n"
                + "locks = [ctx.Lock() for _ in range(3)]  # named, registered with the resource tracker\n"
                + "open(os.path.join(" + quoted(dir) + ", 'names'), 'w').write('\\n'.join(l._semlock.name for l in locks))\n"
                + "time.sleep(600)\n";
        ScenarioResult r = run(body, Duration.ofSeconds(3));
        assertEquals("hang: no outcome within 3s", r.counts().get(0).key());
        assertEquals(1, r.failures().size(), "the tracker exited after cleaning up, so no leak: " + r.failures());
        List<String> names = Files.readAllLines(dir.resolve("names"));
        assertEquals(3, names.size(), names::toString);
        for (String name : names) {
            assertFalse(Files.exists(shm.resolve("sem." + name.replaceFirst("^/", ""))), name + " was left in /dev/shm");
        }
    }

    @Test
    void aGrandchildLeftBehindIsALeakNamedAndKilled() throws Exception {
        String body = "import os, sys, time\n"
                + "if os.fork() == 0:\n"
                + "    if os.fork() == 0:\n"
                + "        open(os.path.join(" + quoted(dir) + ", 'orphan.pid'), 'w').write(str(os.getpid()))\n"
                + "        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(600)'])\n"
                + "    os._exit(0)\n"
                + "os.wait()\n"
                + "while not os.path.exists(os.path.join(" + quoted(dir) + ", 'orphan.pid')):\n"
                + "    time.sleep(0.01)\n"
                + "print('outcome: heads')\n";
        ScenarioResult r = run(body, Duration.ofSeconds(30));
        long orphan = pidIn("orphan.pid");
        assertEquals(1, r.trials());
        ScenarioFailure f = r.failures().get(0);
        assertEquals(ScenarioFailure.Kind.LEAK, f.kind());
        assertTrue(f.message().contains("pid " + orphan + " ("), f.message());
        assertTrue(f.message().contains("time.sleep(600)"), "named by its command line: " + f.message());
        assertTrue(goneSoon(orphan), "the leaked process was killed");
        assertEquals(1L, r.counts().get(0).samples(), "its outcome still counts");
    }

    @Test
    void anUnknownStartMethodIsRefused() throws Exception {
        Files.writeString(dir.resolve("fake.py"), "print('outcome: heads')\n");
        Scenario scenario = new FakeScenario(TABLE, trial -> Outcome.of("unused"));
        CPythonRunner runner = new CPythonRunner(python, dir, Duration.ofSeconds(5), line -> { });
        IllegalArgumentException method = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> runner.run(scenario, "forkserver", SETTINGS));
        assertTrue(method.getMessage().contains("'forkserver'"), method.getMessage());
    }

    @Test
    void theStressProfileIsPassedToTheProgramAndGradedByTheStressGrades() throws Exception {
        Files.writeString(dir.resolve("fake.py"), "import sys\n"
                + "i = sys.argv.index('--profile')\n"
                + "print('outcome: ' + ('tails' if sys.argv[i + 1] == 'stress' else 'heads'))\n");
        OutcomeTable table = OutcomeTable.builder()
                .exact("heads", Grade.ACCEPTABLE, "the default shape's side")
                .exact("tails", Grade.FORBIDDEN, "the other side").underStress(Grade.REQUIRED)
                .build();
        Scenario scenario = new FakeScenario(table, trial -> Outcome.of("unused"));
        CPythonRunner runner = new CPythonRunner(python, dir, Duration.ofSeconds(5), line -> { });
        RunSettings stress = new RunSettings(Profile.STRESS, Duration.ofMillis(300), 7L, Optional.empty());
        ScenarioResult r = runner.run(scenario, "spawn", stress);
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(r.trials(), r.counts().stream().filter(c -> c.key().equals("tails")).findFirst().orElseThrow().samples());
        assertTrue(r.replay().startsWith("scripts/harness cpython fake --start-method spawn --profile stress --seed 7"), r.replay());
        ScenarioResult plain = runner.run(scenario, "spawn", SETTINGS);
        assertTrue(plain.passed(), "the default profile printed heads: " + plain.failures());
        assertFalse(plain.replay().contains("--profile"), plain.replay());
    }

    @Test
    void theTrialTimeoutIsTheScenariosCappedByTheRunners() {
        CPythonRunner runner = new CPythonRunner(python, dir, Duration.ofSeconds(6), line -> { });
        assertEquals(Duration.ofSeconds(6), runner.trialTimeout(new FakeScenario(TABLE, t -> null, Duration.ofSeconds(15))));
        assertEquals(Duration.ofSeconds(2), runner.trialTimeout(new FakeScenario(TABLE, t -> null, Duration.ofSeconds(2))));
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
