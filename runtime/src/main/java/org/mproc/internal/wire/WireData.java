package org.mproc.internal.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Field encodings shared by frame classes, all big-endian: {@code i8}, {@code i32} and {@code i64}
 * are 1, 4 and 8 bytes; strings are {@code int length | UTF-8 bytes} (−1 for null), byte blocks
 * {@code int length | bytes}; {@code raw} bytes have no length and run to the end of the payload
 * ({@link In#rest()}). Every length is checked against what remains.
 */
public final class WireData {
    private WireData() {}

    public static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        private final DataOutputStream data = new DataOutputStream(bytes);

        Out string(String s) {
            try {
                if (s == null) {
                    data.writeInt(-1);
                } else {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    data.writeInt(utf8.length);
                    data.write(utf8);
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Out block(byte[] b) {
            try {
                data.writeInt(b.length);
                data.write(b);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Out i8(byte v) {
            try {
                data.writeByte(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Bytes without a length: only as the last field, read back with {@link In#rest()}. */
        public Out raw(byte[] b) {
            try {
                data.write(b);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Out i32(int v) {
            try {
                data.writeInt(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Out i64(long v) {
            try {
                data.writeLong(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    public static final class In {
        private final DataInputStream data;
        private final String frame;

        public In(Frame f) {
            this(f.payload(), FrameTypes.name(f.type()));
        }

        /** Reads {@code bytes}, a field of a frame; errors name it {@code what}. */
        public In(byte[] bytes, String what) {
            this.data = new DataInputStream(new ByteArrayInputStream(bytes));
            this.frame = what;
        }

        String string() throws ProtocolException {
            int length = length(true);
            if (length < 0) {
                return null;
            }
            return new String(bytes(length), StandardCharsets.UTF_8);
        }

        public byte[] block() throws ProtocolException {
            return bytes(length(false));
        }

        public byte i8() throws ProtocolException {
            try {
                return data.readByte();
            } catch (IOException e) {
                throw truncated();
            }
        }

        /** Every byte not read yet (the last field, written with {@link Out#raw}). */
        public byte[] rest() throws ProtocolException {
            try {
                return bytes(data.available());
            } catch (IOException e) {
                throw truncated();
            }
        }

        public int i32() throws ProtocolException {
            try {
                return data.readInt();
            } catch (IOException e) {
                throw truncated();
            }
        }

        public long i64() throws ProtocolException {
            try {
                return data.readLong();
            } catch (IOException e) {
                throw truncated();
            }
        }

        /**
         * A count of the fields that follow, each at least {@code bytesEach} bytes: checked against
         * what is left, so no one sizes anything by a count the bytes cannot hold.
         */
        public int count(int bytesEach) throws ProtocolException {
            int n = i32();
            try {
                if (n < 0 || (long) n * bytesEach > data.available()) {
                    throw new ProtocolException(frame + " announces " + n + " fields with " + data.available()
                            + " bytes left");
                }
            } catch (IOException e) {
                throw truncated();
            }
            return n;
        }

        public void end() throws ProtocolException {
            try {
                if (data.available() != 0) {
                    throw new ProtocolException(frame + " has " + data.available() + " trailing bytes");
                }
            } catch (IOException e) {
                throw truncated();
            }
        }

        private int length(boolean nullable) throws ProtocolException {
            int length = i32();
            try {
                if ((length < 0 && !(nullable && length == -1)) || length > data.available()) {
                    throw new ProtocolException(frame + " announces a field of " + length
                            + " bytes with " + data.available() + " left");
                }
            } catch (IOException e) {
                throw truncated();
            }
            return length;
        }

        private byte[] bytes(int length) throws ProtocolException {
            byte[] b = new byte[length];
            try {
                data.readFully(b);
            } catch (IOException e) {
                throw truncated();
            }
            return b;
        }

        private ProtocolException truncated() {
            return new ProtocolException(frame + " is truncated");
        }
    }
}
