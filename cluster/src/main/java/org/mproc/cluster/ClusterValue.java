package org.mproc.cluster;

import java.util.Objects;
import org.mproc.Namespace;
import org.mproc.ProcessFunction;
import org.mproc.SharedValue;

/**
 * A value of a {@link Cluster} with the local manager's {@link SharedValue} contract
 * (G-CLUSTER-9): {@code get} then {@code set} is not atomic, {@link #updateAndGet} is (it runs on
 * the member that owns the value). One attribute of a namespace of its own.
 *
 * @param <T> the value's type
 */
final class ClusterValue<T> implements SharedValue<T> {
    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = "value";

    private final Namespace slot;

    ClusterValue(Namespace slot) {
        this.slot = slot;
    }

    @Override
    public T get() {
        return slot.get(ATTRIBUTE);
    }

    @Override
    public void set(T value) {
        slot.set(ATTRIBUTE, value);
    }

    @Override
    public T updateAndGet(ProcessFunction<T, T> fn) {
        return slot.updateAndGet(ATTRIBUTE, Objects.requireNonNull(fn, "fn"));
    }
}
