package org.mproc.scenarios.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mproc.scenarios.cli.Main;

/**
 * The harness can fail (G-HAR-4): each broken implementation, run through the scenario that
 * exercises it with the stress profile, makes the command line exit 1 and print the replay command.
 * The same scenarios pass with the real implementation ({@code GradedScenariosTest}), so each
 * failure here is the broken subject's doing.
 */
class BrokenKitTest {
    static Stream<Arguments> brokenSubjects() {
        return Stream.of(
                Arguments.of("02", CompletionOrderMap.class, "forbidden outcome: out of input order"),
                Arguments.of("02f", HangingMap.class, "forbidden outcome: hang"),
                Arguments.of("03", DroppingQueue.class, "forbidden outcome: lost"),
                Arguments.of("03", DuplicatingQueue.class, "forbidden outcome: duplicated"),
                Arguments.of("05c", NonAtomicCounter.class, "forbidden outcome: lost updates"),
                Arguments.of("05d", RacyWordCount.class, "words miscounted"),
                Arguments.of("06b", SwallowingPool.class, "forbidden outcome: returned"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("brokenSubjects")
    @Tag("G-HAR-4")
    @Tag("G-HAR-3")
    void aBrokenSubjectFailsItsScenarioWithAReplayCommand(String id, Class<?> subject, String failure) {
        Path out = Paths.get("target", "broken-kit", subject.getSimpleName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err,
                "run", id, "--profile", "stress", "--budget", "30s", "--seed", "11", "--subject", subject.getName(),
                "--out", out.toString());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertTrue(printed.contains("[FAIL] " + id), printed);
        assertTrue(printed.contains(failure), "expected '" + failure + "' in\n" + printed);
        assertTrue(printed.contains("replay: scripts/harness run " + id + " --profile stress --seed 11 --budget 30s --subject "
                + subject.getName()), printed);
    }
}
