package org.mproc.internal.pipe;

/**
 * An end used in the process that hosts its pipe: a send hands the value to the {@link PipeState},
 * which puts it into the other end's inbox or onto its connection; a receipt opens the other end's
 * window at once.
 */
final class LocalPipeLink extends PipeEndLink {
    private final PipeState pipe;
    private final int side;

    LocalPipeLink(PipeState pipe, int side, String name) {
        super(name);
        this.pipe = pipe;
        this.side = side;
    }

    @Override
    void deliver(byte[] value) {
        pipe.send(side, value);
    }

    @Override
    void reportReceived(long received, boolean drained) {
        pipe.received(side, received);
    }

    @Override
    void release(String why) {
        pipe.close(side, why);
    }
}
