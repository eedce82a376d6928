package org.mproc.internal.wire;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a reader polls its channel before it sleeps in the kernel, and how many of a process's
 * threads may poll at once. Waking a thread whose core has gone idle costs tens of microseconds on
 * a virtual machine (measured here: a manager {@code get} took 49 µs median with idle cores and 12
 * µs with both cores kept busy), more than a round trip's own work; a peer that answers within the
 * spin is read without that cost. Only connections that carry request and answer spin
 * ({@link Connection#spinWhileWaiting()}); a spin that ends without an answer makes that reader
 * sleep at once for a while ({@link FrameReader}); and one core is always left to the peers.
 * {@code -Dmproc.spinMicros=<µs>} sets the spin (0 turns it off) in the JVM that has it; children
 * (a manager's server, pool workers) get it only through {@code -Dmproc.childJvmOptions} or their
 * own JVM options, like any other system property.
 */
public final class SpinWait {
    /** Default: about one idle-core wake-up on the machines we measured. */
    static final int DEFAULT_MICROS = 40;

    private static final long NANOS = Math.max(0, Integer.getInteger("mproc.spinMicros", DEFAULT_MICROS)) * 1_000L;

    /**
     * At most this many threads of one process spin at once: one core is always left to the peers,
     * so a JVM with one CPU (pinned, or a one-CPU container) never spins: there a spinner can only keep
     * its peer off the core.
     */
    private static final int MAX_SPINNERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    private SpinWait() {}

    /** Takes one of this process's spinning places; false when they are all taken (the caller sleeps). */
    static boolean tryStart() {
        int n;
        do {
            n = SPINNERS.get();
            if (n >= MAX_SPINNERS) {
                return false;
            }
        } while (!SPINNERS.compareAndSet(n, n + 1));
        return true;
    }

    /** Gives back the place {@link #tryStart()} took. */
    static void end() {
        SPINNERS.decrementAndGet();
    }

    /** How many threads of this process may spin at once. */
    static int places() {
        return MAX_SPINNERS;
    }

    /** How many spin now. */
    static int spinners() {
        return SPINNERS.get();
    }

    /** The spin before a wait, in nanoseconds; 0 when spinning is off. */
    public static long nanos() {
        return NANOS;
    }
}
