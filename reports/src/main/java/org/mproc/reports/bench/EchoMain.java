package org.mproc.reports.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The other end of {@link SocketPingPongBenchmark}: accepts one Unix-socket connection at the path
 * given and echoes every message of {@link SocketPingPongBenchmark#MESSAGE_BYTES} bytes until the
 * peer closes. Blocking I/O on the main thread: nothing between the socket and the reply.
 */
public final class EchoMain {
    private EchoMain() {}

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            System.out.println("listening");
            try (SocketChannel peer = server.accept()) {
                ByteBuffer message = ByteBuffer.allocateDirect(SocketPingPongBenchmark.MESSAGE_BYTES);
                while (true) {
                    message.clear();
                    while (message.hasRemaining()) {
                        if (peer.read(message) < 0) {
                            return;
                        }
                    }
                    message.flip();
                    while (message.hasRemaining()) {
                        peer.write(message);
                    }
                }
            }
        }
    }
}
