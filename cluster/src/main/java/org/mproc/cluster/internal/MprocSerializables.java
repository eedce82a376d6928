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

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return typeId == SEALED_TASK ? new SealedTask() : null;
    }
}
