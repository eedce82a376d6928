package org.mproc.cluster.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster queue's whole state, the value of its entry in the map {@code mproc-queues}: the
 * sealed elements in order and, for each requester (a handle's thread), the number and answer of
 * its last request that changed the queue. Hazelcast retries a request whose member died before
 * answering — after the member had applied it, and its backup too — so a request met again is
 * answered as before instead of applied twice: no element is then put twice or taken by no one.
 * Only {@link QueueRequest}s change it, on the partition's thread; an
 * {@link IdentifiedDataSerializable}, so a replica or a migration carries mproc's ids, counts and
 * bytes, and Hazelcast builds it without Java serialization.
 */
public final class QueueState implements IdentifiedDataSerializable {
    /** How many requesters' last answers are kept; a retry comes within moments of its request. */
    static final int REMEMBERED = 4096;
    private static final int MAX_COUNT = 1 << 28;

    private final ArrayDeque<byte[]> elements = new ArrayDeque<>();
    private final Map<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** An empty queue. */
    QueueState() {}

    /** The answer given to {@code requester}'s request {@code number}, or null if it has not been applied. */
    Object answered(String requester, long number) {
        Answer a = answers.get(requester);
        return a != null && a.number == number ? a.value : null;
    }

    void remember(String requester, long number, Object value) {
        answers.put(requester, new Answer(number, value));
    }

    /** Appends every element, in order; returns how many. */
    int offer(List<byte[]> sealed) {
        elements.addAll(sealed);
        return sealed.size();
    }

    /** Removes up to {@code max} elements from the head, in order. */
    ArrayList<byte[]> poll(int max) {
        ArrayList<byte[]> taken = new ArrayList<>(Math.min(max, elements.size()));
        while (taken.size() < max && !elements.isEmpty()) {
            taken.add(elements.poll());
        }
        return taken;
    }

    int size() {
        return elements.size();
    }

    @Override
    public int getFactoryId() {
        return MprocSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return MprocSerializables.QUEUE_STATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        writeElements(out, elements);
        out.writeInt(answers.size());
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            out.writeString(e.getKey());
            out.writeLong(e.getValue().number);
            if (e.getValue().value instanceof Integer count) {
                out.writeBoolean(false);
                out.writeInt(count);
            } else {
                out.writeBoolean(true);
                @SuppressWarnings("unchecked")
                List<byte[]> taken = (List<byte[]>) e.getValue().value;
                writeElements(out, taken);
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        elements.addAll(readElements(in));
        int n = count(in.readInt());
        for (int i = 0; i < n; i++) {
            String requester = in.readString();
            long number = in.readLong();
            Object value = in.readBoolean() ? readElements(in) : Integer.valueOf(in.readInt());
            answers.put(requester, new Answer(number, value));
        }
    }

    static void writeElements(DataOutput out, java.util.Collection<byte[]> es) throws IOException {
        out.writeInt(es.size());
        for (byte[] e : es) {
            out.writeInt(e.length);
            out.write(e);
        }
    }

    static ArrayList<byte[]> readElements(DataInput in) throws IOException {
        int n = count(in.readInt());
        ArrayList<byte[]> es = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            byte[] e = new byte[count(in.readInt())];
            in.readFully(e);
            es.add(e);
        }
        return es;
    }

    private static int count(int n) throws InvalidObjectException {
        if (n < 0 || n > MAX_COUNT) {
            throw new InvalidObjectException("a queue state count of " + n + " is out of range");
        }
        return n;
    }

    /** A requester's last request that changed the queue: its number and what it was answered. */
    private record Answer(long number, Object value) {}
}
