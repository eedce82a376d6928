package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the interpreter, and saying so when there is none (G-HAR-7). */
@Tag("G-HAR-7")
class CPythonTest {
    @Test
    void aNameMissingFromPathIsNotFound(@TempDir Path empty) {
        assertEquals(Optional.empty(), CPython.resolve("python3", empty.toString()));
        assertEquals(Optional.empty(), CPython.find("mproc-no-such-python-" + ProcessHandle.current().pid()));
    }

    @Test
    void aNameOnPathIsResolvedToItsFile(@TempDir Path dir) throws Exception {
        Path fake = Files.createFile(dir.resolve("python3"));
        assertTrue(fake.toFile().setExecutable(true));
        assertEquals(Optional.of(fake.toAbsolutePath()), CPython.resolve("python3", "/nonexistent:" + dir));
    }

    @Test
    void anExecutableThatIsNotPythonIsNotTaken(@TempDir Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("python3"), "#!/bin/sh\necho 'not a python'\n");
        assertTrue(fake.toFile().setExecutable(true));
        assertEquals(Optional.empty(), CPython.find(fake.toString()));
    }

    @Test
    void theMissingLineSaysTheColumnsAreSkipped() {
        assertEquals("CPython: python3 not found, CPython columns skipped", CPython.missing("python3"));
    }
}
