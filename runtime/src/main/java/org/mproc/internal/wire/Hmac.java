package org.mproc.internal.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) built on {@link MessageDigest}. {@code javax.crypto.Mac} would load the
 * SunJCE provider, which cost ~40 ms of a child's cold start on this machine; the digest alone is
 * in the always-loaded SUN provider.
 */
public final class Hmac {
    private static final int BLOCK = 64;
    public static final int LENGTH = 32;

    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];

    public Hmac(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    public byte[] sign(byte[]... parts) {
        MessageDigest inner = sha256();
        inner.update(innerPad);
        for (byte[] part : parts) {
            inner.update(part);
        }
        MessageDigest outer = sha256();
        outer.update(outerPad);
        return outer.digest(inner.digest());
    }

    /** Constant-time comparison of an expected digest with a received one. */
    public boolean verify(byte[] received, byte[]... parts) {
        return MessageDigest.isEqual(sign(parts), received);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
