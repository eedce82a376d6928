package org.mproc.scenarios.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mproc.scenarios.cli.Main;

/**
 * The harness can fail (G-HAR-4): each broken implementation, run through the scenario that
 * exercises it with the stress profile, makes the command line exit 1 and print the replay command.
 * The same scenarios pass with the real implementation ({@code GradedScenariosTest}), so each
 * failure here is the broken subject's doing. Each failure is then shrunk (G-HAR-6) to at most a
 * quarter of its main dimension, and the printed shrunk replay fails again the same way.
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
    @Tag("G-HAR-6")
    void aBrokenSubjectFailsItsScenarioWithAReplayCommandAndShrinks(String id, Class<?> subject, String failure)
            throws IOException {
        Path out = Paths.get("target", "broken-kit", subject.getSimpleName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err,
                "run", id, "--profile", "stress", "--budget", "30s", "--seed", "11", "--subject", subject.getName(),
                "--out", out.toString());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed); // the shrink's lines, for the surefire report
        assertEquals(1, code, printed);
        assertTrue(printed.contains("[FAIL] " + id), printed);
        assertTrue(printed.contains(failure), "expected '" + failure + "' in\n" + printed);
        String replay = "scripts/harness run " + id + " --profile stress --seed 11 --budget 30s --subject " + subject.getName();
        assertTrue(printed.contains("replay: " + replay), printed);

        JsonNode shrink = new ObjectMapper().readTree(out.resolve("scenarios").resolve(id + ".json").toFile()).get("shrink");
        String main = shrink.get("main").asText();
        int original = shrink.get("original").get(main).asInt();
        int shrunk = shrink.get("shrunk").get(main).asInt();
        assertTrue(4 * shrunk <= original, main + " shrank only from " + original + " to " + shrunk + ": " + shrink.get("notes")
                + "\n" + printed);
        assertTrue(shrink.get("notes").get(0).asText().startsWith(main + ": "), "why " + main + " stopped: " + shrink.get("notes"));
        String shape = shrink.get("replay").asText().substring((replay + " --shape ").length());
        assertTrue(printed.contains("replay shrunk: " + replay + " --shape " + shape), printed);
    }

    /** The shrunk replay a run prints runs as printed, and fails again the same way. */
    @Test
    @Tag("G-HAR-6")
    @Tag("G-HAR-3")
    void theShrunkReplayFailsAgainTheSameWay() {
        String replay = "scripts/harness run 06b --profile stress --seed 11 --budget 30s --subject "
                + SwallowingPool.class.getName() + " --shape applies=1,processes=1";
        String[] args = replay.substring("scripts/harness ".length()).split(" ");
        Path out = Paths.get("target", "broken-kit", "replay");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] withOut = Arrays.copyOf(args, args.length + 2);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = out.toString();
        int code = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, withOut);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertTrue(printed.contains("forbidden outcome: returned null"), printed);
        assertTrue(printed.contains("  replay: " + replay), printed);
        assertTrue(printed.contains("  shrunk: applies 1, processes 1 (main dimension: applies) in 0 tries"), printed);
    }
}
