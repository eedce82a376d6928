package org.mproc.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.List;
import java.util.Map;

/**
 * One request to a cluster queue, run by Hazelcast on the member that owns the queue's entry and
 * again on its backup: put sealed elements, take up to a number of them, or count them. A put or
 * a take carries its requester and a request number, and is answered from the {@link QueueState}'s
 * memory when Hazelcast retries it after the owner's death (G-CLUSTER-6). A take that finds
 * nothing changes nothing and is not remembered. An {@link IdentifiedDataSerializable}: Hazelcast
 * builds it from mproc's ids, never by Java serialization, and reads nothing but counts and bytes.
 */
public final class QueueRequest implements EntryProcessor<String, QueueState, Object>, IdentifiedDataSerializable {
    private static final long serialVersionUID = 1L; // an EntryProcessor is Serializable; it never crosses that way
    private static final byte PUT = 0;
    private static final byte TAKE = 1;
    private static final byte SIZE = 2;

    private byte kind;
    private String requester;
    private long number;
    private int max;
    private List<byte[]> elements;

    /** For {@link MprocSerializables}: the fields come from {@link #readData}. */
    QueueRequest() {}

    private QueueRequest(byte kind, String requester, long number, int max, List<byte[]> elements) {
        this.kind = kind;
        this.requester = requester;
        this.number = number;
        this.max = max;
        this.elements = elements;
    }

    /** Puts {@code sealed} at the tail, in order; answers how many. */
    static QueueRequest put(String requester, long number, List<byte[]> sealed) {
        return new QueueRequest(PUT, requester, number, 0, sealed);
    }

    /** Takes up to {@code max} from the head; answers them, in order. */
    static QueueRequest take(String requester, long number, int max) {
        return new QueueRequest(TAKE, requester, number, max, List.of());
    }

    /** Counts the elements; answers the count. */
    static QueueRequest size() {
        return new QueueRequest(SIZE, "", 0, 0, List.of());
    }

    @Override
    public Object process(Map.Entry<String, QueueState> entry) {
        QueueState state = entry.getValue() == null ? new QueueState() : entry.getValue();
        if (kind == SIZE) {
            return state.size();
        }
        Object answer = state.answered(requester, number);
        if (answer != null) {
            return answer; // a retry of a request already applied
        }
        if (kind == PUT) {
            answer = state.offer(elements);
        } else {
            List<byte[]> taken = state.poll(max);
            if (taken.isEmpty()) {
                return taken;
            }
            answer = taken;
        }
        state.remember(requester, number, answer);
        entry.setValue(state);
        return answer;
    }

    @Override
    public EntryProcessor<String, QueueState, Object> getBackupProcessor() {
        return kind == SIZE ? null : this;
    }

    @Override
    public int getFactoryId() {
        return MprocSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return MprocSerializables.QUEUE_REQUEST;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind);
        out.writeString(requester);
        out.writeLong(number);
        out.writeInt(max);
        QueueState.writeElements(out, elements);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = in.readByte();
        if (kind < PUT || kind > SIZE) {
            throw new InvalidObjectException("unknown queue request kind " + kind);
        }
        requester = in.readString();
        number = in.readLong();
        max = in.readInt();
        elements = QueueState.readElements(in);
    }
}
