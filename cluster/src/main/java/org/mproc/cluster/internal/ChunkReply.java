package org.mproc.cluster.internal;

import java.io.Serializable;
import java.util.List;

/**
 * What a member sends back for a chunk, sealed for the chunk's result route: the results of the
 * items before the first that threw, and that one's exception with its input index, if any.
 *
 * @param results     the results, in input order
 * @param failedIndex the input index of the item that threw, or -1
 * @param failure     what it threw (a {@link org.mproc.RemoteTraceback} when that could not be
 *                    serialized), or null
 * @param memberPid   the pid of the member JVM that ran the chunk
 */
record ChunkReply(List<Object> results, int failedIndex, Throwable failure, long memberPid) implements Serializable {
    private static final long serialVersionUID = 1L;
}
