package org.mproc.harness.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;
import org.mproc.internal.spawn.ProcessTree;

/**
 * Small graded scenarios that {@link GradedScenarioExtensionTest} runs through the JUnit launcher.
 * Several are meant to fail, so they run only there: each is {@link OnlyInJUnitRun}, and Surefire
 * (whose default excludes skip nested classes anyway, but not under {@code -Dtest=…}) reports them
 * skipped. JUnit makes the instances, so what a test reads back is static.
 */
final class Fixtures {
    private Fixtures() {}

    /** Enables a fixture only when {@link JUnitRun} launched it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @EnabledIf("org.mproc.harness.junit.Fixtures#launchedByJUnitRun")
    @interface OnlyInJUnitRun {}

    static boolean launchedByJUnitRun(ExtensionContext context) {
        return context.getConfigurationParameter(JUnitRun.FIXTURES).isPresent();
    }

    /** Every trial's context, for the settings tests. */
    static final List<TrialContext> CONTEXTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger TRIALS = new AtomicInteger();
    static final AtomicReference<ProcessHandle> LEAKED_PROCESS = new AtomicReference<>();
    static final AtomicReference<FileChannel> LEAKED_FILE = new AtomicReference<>();

    static void reset() {
        CONTEXTS.clear();
        TRIALS.set(0);
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "coin", title = "a fair coin lands on a side", trialTimeout = "10s")
    @Expect(key = "heads", grade = Grade.REQUIRED, desc = "one side")
    @Expect(key = "tails", grade = Grade.ACCEPTABLE, desc = "the other side")
    @Expect(key = "edge", grade = Grade.FORBIDDEN, desc = "a coin does not stand")
    static class Coin implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            CONTEXTS.add(trial);
            TRIALS.incrementAndGet();
            return Outcome.of(trial.index() % 2 == 0 ? "heads" : "tails");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "edge", title = "the third toss stands on its edge")
    @Expect(key = "heads", grade = Grade.ACCEPTABLE, desc = "one side")
    @Expect(key = "edge", grade = Grade.FORBIDDEN, desc = "a coin does not stand")
    static class EdgeCoin implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            return Outcome.of(trial.index() == 2 ? "edge" : "heads");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "pile", title = "a pile of three or more coins topples")
    @Expect(key = "stands", grade = Grade.ACCEPTABLE, desc = "a low pile")
    @Expect(key = "toppled", grade = Grade.FORBIDDEN, desc = "a pile must not topple")
    static class TallPile implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            int coins = trial.dimension("coins", 40);
            return Outcome.of(coins >= 3 ? "toppled" : "stands");
        }

        @Override
        public Dimensions dimensions() {
            return Dimensions.main("coins", 1);
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "sofa", title = "the coin rolls away")
    @Expect(key = "heads", grade = Grade.ACCEPTABLE, desc = "one side")
    static class LostCoin implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            return Outcome.of("lost in the sofa");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "overlap", title = "an exact row that a pattern row also matches")
    @Expect(key = "lost 3", grade = Grade.ACCEPTABLE, desc = "three lost")
    @Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "some lost")
    static class ExactInsidePattern implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            TRIALS.incrementAndGet();
            return Outcome.of("lost 3");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "patterns", title = "two patterns that share a key")
    @Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "a number lost")
    @Expect(regex = "lost .*", grade = Grade.INTERESTING, desc = "anything lost")
    static class PatternsSharingAKey implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            return Outcome.of("lost 3");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "both", title = "a row with a key and a pattern")
    @Expect(key = "x", regex = "x+", grade = Grade.ACCEPTABLE, desc = "ambiguous row")
    static class RowWithKeyAndPattern implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            TRIALS.incrementAndGet();
            return Outcome.of("x");
        }
    }

    @OnlyInJUnitRun
    @Expect(key = "x", grade = Grade.ACCEPTABLE, desc = "x")
    static class NotAnnotated implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) {
            TRIALS.incrementAndGet();
            return Outcome.of("x");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "leak-process", title = "the second trial leaves a process running")
    @Expect(key = "ran", grade = Grade.ACCEPTABLE, desc = "the trial ran")
    static class LeakingProcess implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) throws Exception {
            if (trial.index() == 1) {
                LEAKED_PROCESS.set(new ProcessBuilder("sleep", "60").start().toHandle());
            }
            return Outcome.of("ran");
        }
    }

    @OnlyInJUnitRun
    @GradedScenario(id = "leak-file", title = "the second trial leaves a file open in mproc's directory")
    @Expect(key = "ran", grade = Grade.ACCEPTABLE, desc = "the trial ran")
    static class LeakingFile implements GradedScenarioTest {
        @Override
        public Outcome runOnce(TrialContext trial) throws Exception {
            if (trial.index() == 1) {
                Path file = ProcessTree.current().directory().resolve("left-by-trial-" + ProcessHandle.current().pid());
                LEAKED_FILE.set(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            }
            return Outcome.of("ran");
        }
    }

    /** The leaked file's path, for the test to remove after its check. */
    static Path leakedFilePath() {
        return ProcessTree.current().directory().resolve("left-by-trial-" + ProcessHandle.current().pid());
    }

    static void closeLeakedFile() throws Exception {
        FileChannel channel = LEAKED_FILE.getAndSet(null);
        if (channel != null) {
            channel.close();
        }
        Files.deleteIfExists(leakedFilePath());
    }
}
