package org.mproc.internal.wire;

import org.mproc.RemoteTraceback;
import org.mproc.internal.wire.codec.Codec;

/** Turns a failure reported by a child back into a {@link Throwable} in this JVM. */
public final class Failures {
    private Failures() {}

    /**
     * The original exception when its bytes decode here; otherwise a {@link RemoteTraceback} with
     * the remote class name, message and frames (the class is missing here, could not be
     * serialized, or refuses to be read).
     */
    public static Throwable restore(TaskFailedFrame f) {
        if (f.serialized().length > 0) {
            try {
                Object decoded = Codec.standard().decode(f.serialized());
                if (decoded instanceof Throwable) {
                    return (Throwable) decoded;
                }
            } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                // Fall through to the stand-in: whatever the exception's own readObject threw.
            }
        }
        return new RemoteTraceback(f.className(), f.message(), f.frames());
    }

    /** {@code t.toString()}, unless the exception overrides it with something that throws. */
    public static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (RuntimeException | StackOverflowError e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }
}
