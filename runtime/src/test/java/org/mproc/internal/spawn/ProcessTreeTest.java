package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessException;

/** The tree's private directory, its socket-path limit, and the bootstrap a child reads from stdin. */
class ProcessTreeTest {

    @Test
    void theTreeDirectoryIsPrivateToItsOwner() throws IOException {
        Path dir = ProcessTree.current().directory();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(32, ProcessTree.current().secret().length);
    }

    @Test
    void aSocketPathOverTheLimitIsRefusedWithAClearMessage() {
        ProcessTree deep = new ProcessTree(Paths.get("/tmp/" + "d".repeat(120)), new byte[32]);
        ProcessException e = assertThrows(ProcessException.class, () -> deep.socketFor(12345));
        assertTrue(e.getMessage().contains("100-byte limit"), e::getMessage);
        assertTrue(e.getMessage().contains("java.io.tmpdir"), e::getMessage);
    }

    @Test
    void theBootstrapRoundTripsAndConsumesExactlyItsOwnBytes() throws IOException {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0xa5);
        Bootstrap sent = new Bootstrap(Paths.get("/tmp/mproc-x"), Paths.get("/tmp/mproc-x/1.sock"), secret,
                -42L, Bootstrap.Role.SPARE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sent.writeTo(bytes);
        bytes.write("after".getBytes());
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
        Bootstrap read = Bootstrap.readFrom(in);
        assertEquals(sent.treeDirectory(), read.treeDirectory());
        assertEquals(sent.parentSocket(), read.parentSocket());
        assertTrue(Arrays.equals(secret, read.secret()));
        assertEquals(-42L, read.token());
        assertEquals(Bootstrap.Role.SPARE, read.role());
        assertEquals("after", new String(in.readAllBytes()), "nothing past the bootstrap was read");
    }

    @Test
    void aStdinThatIsNotABootstrapIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> Bootstrap.readFrom(new ByteArrayInputStream("hello\n".getBytes())));
        assertTrue(e.getMessage().contains("not started by mproc"), e::getMessage);
        assertThrows(IOException.class,
                () -> Bootstrap.readFrom(new ByteArrayInputStream("mproc-bootstrap 1\n/tmp".getBytes())));
    }
}
