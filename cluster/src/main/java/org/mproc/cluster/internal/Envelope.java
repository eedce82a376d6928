package org.mproc.cluster.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mproc.AuthenticationException;

/**
 * Every payload mproc puts into the cluster (G-CLUSTER-3): the payload and the route it was sealed
 * for (which call, which chunk, task or result), followed by an HMAC-SHA256 over both with the
 * cluster's secret. {@link #open} checks the route and the tag before it returns a byte of the
 * payload, so nothing a peer without the secret sent is ever decoded, and a sealed result cannot be
 * replayed as another chunk's. Not encrypted: members bind to loopback by default, and a payload
 * is what the caller's own code computes (docs/DESIGN.md, Cluster, says why).
 *
 * <pre>{@code
 * byte[] sealed = Envelope.seal(key, "task 7/3", payload);
 * byte[] same = Envelope.open(key, "task 7/3", sealed);     // AuthenticationException if forged
 * }</pre>
 *
 * Layout: route length (int), route (UTF-8), payload, 32-byte tag.
 */
public final class Envelope {
    static final int TAG_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /** Each thread's MAC with the key it was last given: a JCA lookup and key set-up per envelope cost more than the HMAC. */
    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private Envelope() {}

    /** The payload, bound to {@code route}, with its tag. */
    public static byte[] seal(byte[] key, String route, byte[] payload) {
        byte[] r = route.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + r.length + payload.length + TAG_BYTES);
        out.putInt(r.length).put(r).put(payload);
        out.put(tag(key, out.array(), out.position()));
        return out.array();
    }

    /**
     * The payload of {@code sealed}, once its tag and route check out.
     *
     * @throws AuthenticationException when the envelope is malformed, was sealed with another key,
     *                                 was changed, or was sealed for another route
     */
    public static byte[] open(byte[] key, String route, byte[] sealed) {
        if (sealed == null || sealed.length < Integer.BYTES + TAG_BYTES) {
            throw new AuthenticationException("rejected an envelope for " + route + ": "
                    + (sealed == null ? "none" : sealed.length + " bytes") + " is too short to carry a tag; nothing was decoded");
        }
        int body = sealed.length - TAG_BYTES;
        byte[] expected = tag(key, sealed, body);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, body, sealed.length))) {
            throw new AuthenticationException("rejected an envelope for " + route
                    + ": its HMAC-SHA256 tag does not match the cluster's secret; nothing was decoded");
        }
        ByteBuffer in = ByteBuffer.wrap(sealed, 0, body);
        int routeLength = in.getInt();
        if (routeLength < 0 || routeLength > in.remaining()) {
            throw new AuthenticationException("rejected an envelope for " + route + ": its route length " + routeLength + " is out of range");
        }
        String sealedFor = new String(sealed, Integer.BYTES, routeLength, StandardCharsets.UTF_8);
        if (!sealedFor.equals(route)) {
            throw new AuthenticationException("rejected an envelope for " + route + ": it was sealed for " + sealedFor
                    + "; nothing was decoded");
        }
        return Arrays.copyOfRange(sealed, Integer.BYTES + routeLength, body);
    }

    private static byte[] tag(byte[] key, byte[] data, int length) {
        Mac mac = mac(key);
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    /** This thread's MAC, keyed with {@code key} and reset. */
    private static Mac mac(byte[] key) {
        KeyedMac keyed = MACS.get();
        if (keyed == null || !MessageDigest.isEqual(keyed.key(), key)) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
                keyed = new KeyedMac(key.clone(), mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every JDK: " + e.getMessage(), e);
            }
            MACS.set(keyed);
        }
        keyed.mac().reset();
        return keyed.mac();
    }

    private record KeyedMac(byte[] key, Mac mac) {}
}
