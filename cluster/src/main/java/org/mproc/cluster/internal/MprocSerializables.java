package org.mproc.cluster.internal;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Builds mproc's {@link IdentifiedDataSerializable} classes from the ids Hazelcast reads off the
 * wire; an id it does not know builds nothing (Hazelcast then refuses the message).
 */
public final class MprocSerializables implements DataSerializableFactory {
    /** mproc's factory id ("mp"); registered in every member's configuration ({@link HazelcastSetup}). */
    public static final int FACTORY_ID = 0x6D70;
    /** {@link SealedTask}. */
    static final int SEALED_TASK = 1;
    /** {@link SealedEntryProcessor}. */
    static final int SEALED_ENTRY_PROCESSOR = 2;
    /** {@link QueueRequest}. */
    static final int QUEUE_REQUEST = 3;
    /** {@link QueueState}. */
    static final int QUEUE_STATE = 4;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case SEALED_TASK -> new SealedTask();
            case SEALED_ENTRY_PROCESSOR -> new SealedEntryProcessor();
            case QUEUE_REQUEST -> new QueueRequest();
            case QUEUE_STATE -> new QueueState();
            default -> null;
        };
    }
}
