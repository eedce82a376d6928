package org.mproc.internal.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;

/**
 * What a child needs before it can reach its parent, written to the child's stdin (never argv or
 * the environment, where other users could read the secret):
 *
 * <pre>
 *   mproc-bootstrap 1\n
 *   &lt;tree directory&gt;\n
 *   &lt;parent listener socket path&gt;\n
 *   &lt;secret, hex&gt;\n
 *   &lt;launch token, decimal&gt;\n
 *   CHILD | SPARE | POOL\n
 * </pre>
 *
 * The parent writes nothing more to stdin (it closes it once the child has exited), and the child
 * reads no further than the bootstrap: {@link WorkerMain#attach()} then replaces {@code System.in}
 * with an empty stream. Nothing watches stdin for the parent's death; the connection to the parent
 * does: {@code WorkerMain}'s {@code ParentWatchdog} sees its end of stream, and a pool worker sees
 * it between chunks and, during one, the parent pid change that {@link ParentWatch} polls for
 * (G-PROC-7).
 */
public record Bootstrap(Path treeDirectory, Path parentSocket, byte[] secret, long token, Role role) {
    /**
     * A child runs the task it is sent at once; a spare first prepares, then waits to be claimed; a
     * pool worker runs chunks until told to stop.
     */
    public enum Role { CHILD, SPARE, POOL }

    private static final String MAGIC = "mproc-bootstrap 1";
    private static final int MAX_LINE = 4096;

    void writeTo(OutputStream out) throws IOException {
        String text = MAGIC + "\n" + treeDirectory + "\n" + parentSocket + "\n"
                + HexFormat.of().formatHex(secret) + "\n" + token + "\n" + role + "\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads exactly the bootstrap's bytes, so nothing past it is consumed. */
    static Bootstrap readFrom(InputStream in) throws IOException {
        String magic = line(in);
        if (!MAGIC.equals(magic)) {
            throw new IOException("not started by mproc: stdin began with " + magic);
        }
        Path tree = Paths.get(line(in));
        Path socket = Paths.get(line(in));
        byte[] secret = HexFormat.of().parseHex(line(in));
        long token = Long.parseLong(line(in));
        Role role = Role.valueOf(line(in));
        return new Bootstrap(tree, socket, secret, token, role);
    }

    private static String line(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_LINE];
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("stdin ended inside the bootstrap");
            }
            if (n == MAX_LINE) {
                throw new IOException("bootstrap line longer than " + MAX_LINE + " bytes");
            }
            buffer[n++] = (byte) b;
        }
        return new String(buffer, 0, n, StandardCharsets.UTF_8);
    }
}
