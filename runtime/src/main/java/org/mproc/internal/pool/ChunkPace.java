package org.mproc.internal.pool;

/**
 * How long the pool's chunks take to run, and so how many a worker should hold at once. A worker
 * reads its socket only between chunks: with one chunk queued behind the running one, a short
 * chunk's worker waits for the parent to hear its answer and send the next, a round trip per
 * chunk. Short chunks therefore queue deeper ({@link #DEEP}), which took pipelined
 * {@code applyAsync} of a trivial function from ~35 k to ~56 k calls/s on 2 cores. Long chunks
 * keep the depth at {@link #SHALLOW}: a chunk queued behind a long one cannot go to a worker that
 * becomes idle meanwhile. Not thread-safe: the engine's lock guards it.
 */
final class ChunkPace {
    /** Chunks a worker holds at once while chunks are long or not yet measured. */
    static final int SHALLOW = 2;
    /** Chunks a worker holds at once while chunks are short. */
    static final int DEEP = 8;
    /** Below this mean run time a chunk is short: eight of them delay a ninth by at most ~8 ms. */
    private static final long SHORT_NANOS = 1_000_000;

    /** Exponentially weighted mean run time (weight 1/8 for the newest); negative until measured. */
    private long meanNanos = -1;

    /** A chunk ran this long, from its start to its answer, as the parent saw them. */
    void ran(long nanos) {
        meanNanos = meanNanos < 0 ? nanos : meanNanos + (nanos - meanNanos) / 8;
    }

    int depth() {
        return meanNanos >= 0 && meanNanos < SHORT_NANOS ? DEEP : SHALLOW;
    }
}
