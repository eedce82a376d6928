package org.mproc.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mproc.ProcessFunction;
import org.mproc.RemoteTraceback;

/**
 * The only class mproc gives Hazelcast to run (G-CLUSTER-3): a route and an {@link Envelope}. On
 * the member it checks the envelope with the member's cluster secret before it decodes anything,
 * runs the chunk, and returns its {@link ChunkReply} sealed for the route's reply. A task whose
 * envelope does not check out is refused with an {@link org.mproc.AuthenticationException}; its
 * payload is never read.
 *
 * <p>It crosses the wire as Hazelcast's {@link IdentifiedDataSerializable} (a string and a byte
 * array, built by {@link MprocSerializables} from its ids), not by Java serialization, whose
 * stream-reading code is what a caller would otherwise spend its time compiling and running for
 * every chunk.
 */
public final class SealedTask implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private String route;
    private byte[] sealed;
    private String clusterName;

    /** For {@link MprocSerializables}: the fields come from {@link #readData}. */
    SealedTask() {}

    /**
     * @param route  which call and chunk, e.g. {@code map 7 chunk 3}
     * @param sealed the {@link ChunkRequest}, sealed for {@code route}
     */
    public SealedTask(String route, byte[] sealed) {
        this.route = route;
        this.sealed = sealed.clone();
    }

    /** The route a reply to {@code route} is sealed for. */
    public static String replyRoute(String route) {
        return route + " reply";
    }

    /** Seals a chunk for {@code route}. */
    static SealedTask of(byte[] key, String route, ChunkRequest request) throws IOException {
        return new SealedTask(route, Envelope.seal(key, route, Codec.encode(request)));
    }

    @Override
    public int getFactoryId() {
        return MprocSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return MprocSerializables.SEALED_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(route);
        out.writeByteArray(sealed);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        route = in.readString();
        sealed = in.readByteArray();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.clusterName = instance.getConfig().getClusterName();
    }

    @Override
    public byte[] call() throws IOException {
        byte[] key = MemberSecret.of(clusterName);
        byte[] payload = Envelope.open(key, route, sealed); // a forgery stops here, undecoded
        long pid = ProcessHandle.current().pid();
        ChunkReply reply;
        try {
            reply = run((ChunkRequest) Codec.decode(payload), pid);
        } catch (RuntimeException | Error e) { // the chunk could not be read here: a class missing, say
            reply = new ChunkReply(List.of(), -1, standIn(e), pid);
        }
        return Envelope.seal(key, replyRoute(route), encode(reply));
    }

    private static ChunkReply run(ChunkRequest request, long pid) {
        ProcessFunction<Object, Object> function = request.mapper();
        List<Object> results = new ArrayList<>(request.items().size());
        for (int i = 0; i < request.items().size(); i++) {
            try {
                results.add(function.apply(request.items().get(i)));
            } catch (Exception | Error e) {
                return new ChunkReply(results, request.firstIndex() + i, e, pid);
            }
        }
        return new ChunkReply(results, -1, null, pid);
    }

    /** The reply encoded; a failure or result that cannot be serialized travels as a {@link RemoteTraceback}. */
    private static byte[] encode(ChunkReply reply) throws IOException {
        try {
            return Codec.encode(reply);
        } catch (NotSerializableException e) {
            if (reply.failure() != null) {
                return Codec.encode(new ChunkReply(reply.results(), reply.failedIndex(), standIn(reply.failure()), reply.memberPid()));
            }
            return Codec.encode(new ChunkReply(List.of(), -1, standIn(new NotSerializableException(
                    "a result of the chunk cannot be serialized: " + e.getMessage())), reply.memberPid()));
        }
    }

    private static RemoteTraceback standIn(Throwable t) {
        return new RemoteTraceback(t.getClass().getName(), t.getMessage(), t.getStackTrace());
    }
}
