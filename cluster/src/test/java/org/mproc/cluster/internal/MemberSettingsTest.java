package org.mproc.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A member's settings read back as written; an unknown, repeated, missing or bad key is refused by name (G-CLUSTER-1). */
@Tag("G-CLUSTER-1")
class MemberSettingsTest {
    private static final MemberSettings SETTINGS = new MemberSettings("mproc-test", "127.0.0.1", 40000, 8, 5, new byte[32], "member-1");

    private static List<String> lines() {
        return new ArrayList<>(Arrays.asList(SETTINGS.lines().split("\n")));
    }

    @Test
    void settingsReadBackAsWritten() {
        MemberSettings back = MemberSettings.parse(lines(), "test");
        assertEquals(SETTINGS.clusterName(), back.clusterName());
        assertEquals(SETTINGS.basePort(), back.basePort());
        assertArrayEquals(SETTINGS.secret(), back.secret());
    }

    @Test
    void badKeysAreRefusedByName() {
        List<String> unknown = lines();
        unknown.add("bindAny=true");
        assertMessage(unknown, "unknown key 'bindAny'");
        List<String> twice = lines();
        twice.add("name=again");
        assertMessage(twice, "key 'name' is given twice");
        List<String> missing = lines();
        missing.removeIf(l -> l.startsWith("secret="));
        assertMessage(missing, "key 'secret' is missing");
        List<String> port = lines();
        port.replaceAll(l -> l.startsWith("basePort=") ? "basePort=eighty" : l);
        assertMessage(port, "basePort 'eighty' is not a number");
        List<String> shortSecret = lines();
        shortSecret.replaceAll(l -> l.startsWith("secret=") ? "secret=AAAA" : l);
        assertMessage(shortSecret, "the secret must be at least 32 bytes");
    }

    private static void assertMessage(List<String> lines, String expected) {
        String message = assertThrows(IllegalArgumentException.class, () -> MemberSettings.parse(lines, "member.conf")).getMessage();
        assertTrue(message.startsWith("member.conf: ") && message.contains(expected), message);
    }
}
