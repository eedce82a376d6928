package org.mproc.cluster.internal;

import java.io.IOException;
import java.util.List;
import org.mproc.ProcessFunction;

/** Builds sealed tasks for tests that play a peer: with any key, for any route. */
public final class ChunksForTests {
    private ChunksForTests() {}

    @SuppressWarnings("unchecked")
    public static SealedTask sealed(byte[] key, String route, ProcessFunction<?, ?> function, List<Object> items) throws IOException {
        return SealedTask.of(key, route, new ChunkRequest((ProcessFunction<Object, Object>) function, items, 0));
    }
}
