package org.mproc.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mproc.ProcessBiFunction;

/**
 * A cluster dict's entries as they are stored: under an opaque id (an HMAC of the serialized key,
 * so the same key always has the same id and a peer without the secret learns nothing from it),
 * the key and value serialized and sealed for the route {@code dict <name> <id>}, so a value cannot
 * be moved to another key. Atomic updates travel as a {@link SealedEntryProcessor}.
 */
public final class DictEntries {
    /** The prefix of every mproc dict's name in Hazelcast. */
    public static final String PREFIX = "mproc-dict-";

    private final IMap<String, byte[]> map;
    private final byte[] key;
    private final String name;

    private DictEntries(IMap<String, byte[]> map, byte[] key, String name) {
        this.map = map;
        this.key = key;
        this.name = name;
    }

    /** The dict {@code dictName} of the cluster whose member {@code local} is. */
    public static DictEntries open(HazelcastInstance local, String clusterName, String dictName) {
        return new DictEntries(local.getMap(PREFIX + dictName), MemberSecret.of(clusterName), PREFIX + dictName);
    }

    public IMap<String, byte[]> map() {
        return map;
    }

    /** The stored id of {@code k}. */
    public String id(Object k) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(("dict key " + name + "\n").getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(Codec.encode(k)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the key " + k + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code k} and {@code v} sealed for {@code k}'s id. */
    public byte[] seal(String id, Object k, Object v) {
        return seal(key, name, id, k, v);
    }

    static byte[] seal(byte[] key, String name, String id, Object k, Object v) {
        try {
            return Envelope.seal(key, "dict " + name + " " + id, Codec.encode(new Entry(k, v)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the value for " + k + ": " + e.getMessage(), e);
        }
    }

    /** The value of a stored entry (null for none), once its seal checks out for {@code id}. */
    public Object value(String id, byte[] sealed) {
        return sealed == null ? null : open(key, name, id, sealed).value();
    }

    /** The entry, once its seal checks out for {@code id}. */
    public Entry entry(String id, byte[] sealed) {
        return open(key, name, id, sealed);
    }

    static Entry open(byte[] key, String name, String id, byte[] sealed) {
        return (Entry) Codec.decode(Envelope.open(key, "dict " + name + " " + id, sealed));
    }

    /** An atomic update of {@code k}'s entry: {@code (old value or null, argument) → new value, or null to remove}. */
    public SealedEntryProcessor update(String id, Object k, Object argument, ProcessBiFunction<Object, Object, Object> function) {
        try {
            byte[] request = Envelope.seal(key, "dict " + name + " update " + id,
                    Codec.encode(new Update(k, argument, function)));
            return new SealedEntryProcessor(name, id, request);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the update of " + k + ": " + e.getMessage(), e);
        }
    }

    /** An update's result, sealed for the caller: the new value, or what the function threw. */
    static byte[] sealResult(byte[] key, String name, String id, Object value, Throwable failure) {
        try {
            return Envelope.seal(key, "dict " + name + " result " + id,
                    Codec.encode(new Result(value, failure, ProcessHandle.current().pid())));
        } catch (IOException e) {
            return sealResult(key, name, id, null, new org.mproc.RemoteTraceback(e.getClass().getName(),
                    "the update's result or exception cannot be serialized: " + e.getMessage(), e.getStackTrace()));
        }
    }

    /**
     * The new value an update returned; its function's unchecked exception or error rethrown as it
     * is, a checked one as the cause of a {@link org.mproc.TaskFailedException}.
     */
    public Object result(String id, byte[] sealed, Object k) {
        Result r = (Result) Codec.decode(Envelope.open(key, "dict " + name + " result " + id, sealed));
        if (r.failure() instanceof RuntimeException re) {
            throw re;
        }
        if (r.failure() instanceof Error error) {
            throw error;
        }
        if (r.failure() != null) { // a checked exception, as the local manager reports one (G-MGR-4)
            throw new org.mproc.TaskFailedException(0, r.memberPid(), r.failure());
        }
        return r.value();
    }

    /**
     * An update's outcome.
     *
     * @param value   the new value, or null
     * @param failure   what the function threw, or null
     * @param memberPid the pid of the member JVM that ran it
     */
    record Result(Object value, Throwable failure, long memberPid) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One stored entry.
     *
     * @param key   the caller's key
     * @param value its value
     */
    public record Entry(Object key, Object value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * An update as it travels to the key's owner.
     *
     * @param key      the caller's key
     * @param argument the second argument of the function
     * @param function {@code (old, argument) → new}
     */
    record Update(Object key, Object argument, ProcessBiFunction<Object, Object, Object> function) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
