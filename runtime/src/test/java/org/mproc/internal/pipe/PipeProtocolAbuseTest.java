package org.mproc.internal.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.EOFException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessPipe;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.testkit.Delays;

/**
 * A connection that breaks the pipe protocol loses itself and nothing else: the host closes it,
 * an end it had claimed counts as its process gone (the other end sees the end of the stream), and
 * every other pipe keeps working.
 */
class PipeProtocolAbuseTest {

    private static void assertClosedByHost(Connection c) throws Exception {
        try {
            Frame f = c.read();
            assertNull(f, "the host answered " + f + " instead of closing");
        } catch (java.io.IOException closed) {
            // also an end
        } finally {
            c.close();
        }
    }

    private static Connection client() throws Exception {
        return Hosting.connectUnregistered(Hosting.listenerPath(), ClientHelloFrame.PIPES);
    }

    private static long idOf(ProcessPipe.End<?> end) {
        return Long.parseLong(end.toString().replaceAll(".*#(\\d+)@.*", "$1"));
    }

    @Test
    void aConnectionThatBreaksTheProtocolIsClosedAndOnlyItsEndEnds() throws Exception {
        ProcessPipe.Ends<String> kept = ProcessPipe.open();
        ProcessPipe.Ends<String> abused = ProcessPipe.open();
        long abusedId = idOf(abused.left());

        Connection notAClaim = client();
        notAClaim.send(new PipeFrames.Send(new byte[] {1}).toFrame());
        assertClosedByHost(notAClaim);

        Connection neverHosted = client();
        neverHosted.send(new PipeFrames.Claim(Long.MAX_VALUE, 0, 1).toFrame());
        assertClosedByHost(neverHosted);

        Connection malformedClaim = client();
        malformedClaim.send(new Frame(FrameTypes.PIPE_CLAIM, 0, new byte[] {0, 0, 0}));
        assertClosedByHost(malformedClaim);

        Connection claimsThenBreaks = client();
        claimsThenBreaks.send(new PipeFrames.Claim(abusedId, 1, 1).toFrame());
        assertEquals(FrameTypes.PIPE_CLAIMED, claimsThenBreaks.read().type());
        claimsThenBreaks.send(new Frame(FrameTypes.POOL_RESULT, 7, new byte[8]));
        assertClosedByHost(claimsThenBreaks);
        EOFException eof = assertTimeoutPreemptively(Delays.SHORT,
                () -> assertThrows(EOFException.class, abused.left()::recv));
        assertTrue(eof.getMessage().contains("is gone"), eof::getMessage);

        kept.left().send("still served");
        assertEquals("still served", kept.right().recv());
        assertTrue(!kept.right().poll(Duration.ZERO));
    }
}
