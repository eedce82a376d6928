package org.mproc.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * An atomic update of one dict entry, run by Hazelcast on the member that owns the key, under the
 * key's partition lock (G-CLUSTER-7): the request and the stored value are both checked with the
 * member's cluster secret before anything is decoded; the function's result is sealed and stored,
 * and returned sealed. An {@link IdentifiedDataSerializable}: two strings and bytes, built from
 * mproc's ids.
 */
public final class SealedEntryProcessor implements EntryProcessor<String, byte[], byte[]>, HazelcastInstanceAware,
        IdentifiedDataSerializable {
    private static final long serialVersionUID = 1L; // an EntryProcessor is Serializable; it never crosses that way

    private String name;
    private String id;
    private byte[] request;
    private transient String clusterName;

    /** For {@link MprocSerializables}: the fields come from {@link #readData}. */
    SealedEntryProcessor() {}

    SealedEntryProcessor(String name, String id, byte[] request) {
        this.name = name;
        this.id = id;
        this.request = request.clone();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        clusterName = instance.getConfig().getClusterName();
    }

    @Override
    public byte[] process(Map.Entry<String, byte[]> entry) {
        byte[] key = MemberSecret.of(clusterName);
        // a forgery stops here, undecoded; it surfaces as Hazelcast's failure of the call
        DictEntries.Update update = (DictEntries.Update) Codec.decode(Envelope.open(key, "dict " + name + " update " + id, request));
        if (!entry.getKey().equals(id)) {
            return DictEntries.sealResult(key, name, id, null, new IllegalStateException("an update sealed for entry " + id
                    + " reached entry " + entry.getKey()));
        }
        Object old = entry.getValue() == null ? null : DictEntries.open(key, name, id, entry.getValue()).value();
        Object updated;
        try {
            updated = update.function().apply(old, update.argument());
        } catch (Exception | Error e) {
            return DictEntries.sealResult(key, name, id, null, e); // the entry stays as it was
        }
        entry.setValue(updated == null ? null : DictEntries.seal(key, name, id, update.key(), updated));
        return DictEntries.sealResult(key, name, id, updated, null);
    }

    @Override
    public int getFactoryId() {
        return MprocSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return MprocSerializables.SEALED_ENTRY_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(name);
        out.writeString(id);
        out.writeByteArray(request);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        name = in.readString();
        id = in.readString();
        request = in.readByteArray();
    }
}
