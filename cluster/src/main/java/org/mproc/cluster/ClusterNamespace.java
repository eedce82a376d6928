package org.mproc.cluster;

import java.io.Serializable;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.mproc.Namespace;
import org.mproc.ProcessFunction;

/**
 * A namespace of a {@link Cluster} with the local manager's {@link Namespace} contract
 * (G-CLUSTER-9): attributes that may hold null, {@code get} or {@code remove} of one never set
 * throws {@link NoSuchElementException}, {@code set} is not atomic with a later {@code get} (a
 * read then a write from two processes loses an update, as CPython's), and
 * {@link #updateAndGet} is atomic — the function runs on the member that owns the attribute.
 * Stored as a {@link ClusterDict} of slots, sealed as every dict entry is.
 */
final class ClusterNamespace implements Namespace {
    private static final long serialVersionUID = 1L;

    private final ClusterDict<String, Slot> slots;

    ClusterNamespace(ClusterDict<String, Slot> slots) {
        this.slots = slots;
    }

    @Override
    public <T> T get(String name) {
        return value(slots.get(Objects.requireNonNull(name, "name")), name);
    }

    @Override
    public void set(String name, Object value) {
        slots.put(Objects.requireNonNull(name, "name"), new Slot(value));
    }

    @Override
    public <T> T remove(String name) {
        return value(slots.remove(Objects.requireNonNull(name, "name")), name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T updateAndGet(String name, ProcessFunction<T, T> fn) {
        Objects.requireNonNull(fn, "fn");
        Slot updated = slots.compute(Objects.requireNonNull(name, "name"), (n, old) -> {
            if (old == null) {
                throw new NoSuchElementException("the namespace has no attribute " + n);
            }
            return new Slot(fn.apply((T) old.value()));
        });
        return (T) updated.value();
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Slot slot, String name) {
        if (slot == null) {
            throw new NoSuchElementException("the namespace has no attribute " + name);
        }
        return (T) slot.value();
    }

    /**
     * One attribute, so that null can be stored.
     *
     * @param value the attribute's value, or null
     */
    record Slot(Object value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
