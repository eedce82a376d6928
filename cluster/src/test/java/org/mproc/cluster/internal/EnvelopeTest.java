package org.mproc.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.AuthenticationException;

/** The envelope opens only as sealed: any changed byte, another route or another key is refused (G-CLUSTER-3). */
@Tag("G-CLUSTER-3")
class EnvelopeTest {
    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }

    @Test
    void whatIsSealedOpensUnchangedForItsRouteAndKey() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40), strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert((route, text) -> {
                    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(payload, Envelope.open(key(1), route, Envelope.seal(key(1), route, payload)));
                });
    }

    @Test
    void anyFlippedBitIsRefused() {
        byte[] sealed = Envelope.seal(key(1), "map 1 chunk 0", "the payload".getBytes(StandardCharsets.UTF_8));
        qt().forAll(integers().between(0, sealed.length * 8 - 1)).checkAssert(bit -> {
            byte[] changed = sealed.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(AuthenticationException.class, () -> Envelope.open(key(1), "map 1 chunk 0", changed));
        });
    }

    @Test
    void anotherRouteOrKeyOrATruncatedEnvelopeIsRefusedNamingWhy() {
        byte[] sealed = Envelope.seal(key(1), "map 1 chunk 0", new byte[] {1, 2, 3});
        String route = assertThrows(AuthenticationException.class, () -> Envelope.open(key(1), "map 1 chunk 1", sealed)).getMessage();
        assertTrue(route.contains("it was sealed for map 1 chunk 0"), route);
        String key = assertThrows(AuthenticationException.class, () -> Envelope.open(key(2), "map 1 chunk 0", sealed)).getMessage();
        assertTrue(key.contains("does not match the cluster's secret"), key);
        for (byte[] bad : List.of(new byte[0], Arrays.copyOf(sealed, 20))) {
            String shortOne = assertThrows(AuthenticationException.class, () -> Envelope.open(key(1), "map 1 chunk 0", bad)).getMessage();
            assertTrue(shortOne.contains("nothing was decoded") || shortOne.contains("too short"), shortOne);
        }
    }
}
