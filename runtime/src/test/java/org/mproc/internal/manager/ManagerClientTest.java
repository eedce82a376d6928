package org.mproc.internal.manager;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessException;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.testkit.Delays;

/**
 * The client against a server that breaks the protocol: this test's JVM serves the manager's
 * service itself and answers every request with an {@code MGR_REPLY} no request can read.
 */
class ManagerClientTest {

    /**
     * The caller whose answer is malformed fails with {@link ProcessException}, as every other
     * caller does, rather than waiting for ever for an answer already taken off the connection.
     */
    @Test
    @Tag("G-MGR-8")
    void aMalformedAnswerFailsTheCallThatAwaitedIt() {
        Hosting.serveClients(ClientHelloFrame.MANAGER, c -> {
            for (Frame f = c.read(); f != null; f = c.read()) {
                byte[] unknownStatus = ByteBuffer.allocate(8).putInt(7).putInt(0).array();
                c.send(new Frame(FrameTypes.MGR_REPLY, f.correlationId(), unknownStatus));
            }
        });
        ManagerClient client = ManagerClient.to(Hosting.listenerPath().toString());
        assertTimeoutPreemptively(Delays.SHORT, () -> assertThrows(ProcessException.class,
                () -> client.call(new SizeCall(client.nextId(), 1))));
    }
}
