package org.mproc.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.harness.CPython;
import org.mproc.harness.Profile;
import org.mproc.harness.TrialContext;

/**
 * The CPython programs draw their shapes as the Java trials do: {@code _common.trial_random} gives
 * the numbers {@link TrialContext#random()} gives for the same seed and index (G-HAR-3, G-HAR-7).
 */
@Tag("G-HAR-7")
class CPythonDrawsTest {
    private static final long[] SEEDS = {42, 0, -1, 162923777, Long.MIN_VALUE};

    private static List<String> java(long seed) {
        List<String> draws = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            SplittableRandom r = new TrialContext(Profile.DEFAULT, seed, index, null).random();
            draws.add(r.nextInt() + " " + r.nextInt(10) + " " + r.nextInt(6) + " " + r.nextInt(16) + " " + r.nextInt(1801)
                    + " " + r.nextInt(300, 3001) + " " + (long) (r.nextDouble() * 0x1p53) + " " + r.nextInt(Integer.MAX_VALUE));
        }
        return draws;
    }

    @Test
    void pythonDrawsWhatJavaDraws() throws Exception {
        assumeTrue(CPython.find(CPython.configured()).isPresent(), CPython.missing(CPython.configured()));
        String script = "import sys\nsys.path.insert(0, 'cpython')\nimport _common\n"
                + "for seed in [int(s) for s in sys.argv[1:]]:\n"
                + "    for index in range(3):\n"
                + "        r = _common.trial_random(seed, index)\n"
                + "        print(r.next_int(), r.next_int(10), r.next_int(6), r.next_int(16), r.next_int(1801),"
                + " r.next_int_between(300, 3001), int(r.next_double() * 2**53), r.next_int(2**31 - 1))\n";
        List<String> command = new ArrayList<>(List.of(CPython.configured(), "-c", script));
        List<String> expected = new ArrayList<>();
        for (long seed : SEEDS) {
            command.add(String.valueOf(seed));
            expected.addAll(java(seed));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "python3 ended");
        assertEquals(0, p.exitValue(), out);
        assertEquals(String.join("\n", expected), out.strip());
    }
}
