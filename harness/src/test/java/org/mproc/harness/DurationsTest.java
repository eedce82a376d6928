package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @ValueSource(strings = {"250ms", "3s", "2m", "1h", "1500ms"})
    void formatReadsBackWhatParseRead(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @Test
    void isoDurationsAreAccepted() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("PT1M30S"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("pt5s"));
    }

    @Test
    void junkIsRejectedNamingItAndTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 parsecs"));
        assertTrue(e.getMessage().contains("'5 parsecs'") && e.getMessage().contains("500ms"), e.getMessage());
    }
}
