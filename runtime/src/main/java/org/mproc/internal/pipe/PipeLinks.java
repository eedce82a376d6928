package org.mproc.internal.pipe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's claim on each pipe end it uses: every handle of one end in one process (a handle
 * deserialized twice, say) shares one {@link PipeEndLink}, and an end's first use here claims it,
 * locally when this process hosts the pipe, else over a connection to the host. A closed end is
 * forgotten here; a handle that used it keeps its closed link.
 */
public final class PipeLinks {
    private static final Map<String, PipeEndLink> LINKS = new ConcurrentHashMap<>();

    private PipeLinks() {}

    /**
     * The link through which this process uses {@code side} of pipe {@code pipeId} hosted at
     * {@code socket}, claiming the end if this is its first use here.
     *
     * @throws IllegalStateException if another process uses the end, or it is closed
     * @throws org.mproc.ProcessException if the host cannot be reached
     */
    public static PipeEndLink claim(String socket, long pipeId, int side) {
        String key = side + "#" + pipeId + "@" + socket;
        return LINKS.computeIfAbsent(key, k -> {
            PipeHost host = PipeHost.at(socket);
            PipeEndLink link = host != null ? host.claimLocal(pipeId, side) : RemotePipeLink.claim(socket, pipeId, side);
            return link;
        });
    }

    /** The link through which this process uses that end, or null if it has not used it. */
    public static PipeEndLink existing(String socket, long pipeId, int side) {
        return LINKS.get(side + "#" + pipeId + "@" + socket);
    }

    /** Forgets a closed link, so a process using many pipes keeps none of them. */
    public static void forget(String socket, long pipeId, int side, PipeEndLink link) {
        LINKS.remove(side + "#" + pipeId + "@" + socket, link);
    }
}
