package org.mproc.cluster.internal;

import java.io.IOException;
import java.util.List;
import org.mproc.ProcessFunction;

/** Builds sealed tasks for tests that play a peer: with any key, for any route. */
public final class ChunksForTests {
    private ChunksForTests() {}

    /** An update of a dict entry sealed with {@code key}, as a peer with another secret would send it. */
    @SuppressWarnings("unchecked")
    public static SealedEntryProcessor update(byte[] key, String dictName, String id, Object k,
                                              org.mproc.ProcessBiFunction<?, ?, ?> function) throws IOException {
        String map = DictEntries.PREFIX + dictName;
        byte[] request = Envelope.seal(key, "dict " + map + " update " + id,
                Codec.encode(new DictEntries.Update(k, null, (org.mproc.ProcessBiFunction<Object, Object, Object>) function)));
        return new SealedEntryProcessor(map, id, request);
    }

    /** Puts {@code element} as it is into cluster queue {@code queue}, as a peer with another secret would. */
    public static void putRaw(com.hazelcast.core.HazelcastInstance peer, String queue, byte[] element) {
        peer.<String, QueueState>getMap(QueueElements.MAP).executeOnKey(queue,
                QueueRequest.put("a peer", System.nanoTime(), List.of(element)));
    }

    /** Bytes sealed with {@code key} for {@code route}. */
    public static byte[] sealedBytes(byte[] key, String route, Object value) throws IOException {
        return Envelope.seal(key, route, Codec.encode(value));
    }

    public static SealedTask sealed(byte[] key, String route, ProcessFunction<?, ?> function, List<Object> items) throws IOException {
        return SealedTask.of(key, route, new ChunkRequest(Chunks.encodeFunction(function), items, 0));
    }
}
