package org.mproc.internal.pool;

/** A run of consecutive tasks of one call, sent to one worker as one frame (CPython's chunk). */
public final class PoolChunk {
    final PoolCall call;
    final int index;
    final int firstTask;
    final int size;
    final byte[] items;

    public PoolChunk(PoolCall call, int index, int firstTask, int size, byte[] items) {
        this.call = call;
        this.index = index;
        this.firstTask = firstTask;
        this.size = size;
        this.items = items;
    }

    int lastTask() {
        return firstTask + size - 1;
    }

    @Override
    public String toString() {
        return "chunk " + index + " (tasks " + firstTask + "–" + lastTask() + ") of call " + call.id;
    }
}
