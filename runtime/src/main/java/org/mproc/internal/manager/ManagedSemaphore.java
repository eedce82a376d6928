package org.mproc.internal.manager;

/**
 * A semaphore in the manager's server. Acquires that find no permit are parked first come, first
 * served; a release hands its permit straight to the longest waiter, so while any call is parked
 * no permit is free. Bounded: a release that would raise the permits above the bound is refused.
 */
final class ManagedSemaphore extends ParkingObject {
    /** No bound. */
    static final int UNBOUNDED = -1;

    private int permits;
    private final int bound;

    ManagedSemaphore(int permits, int bound) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's permits must be ≥ 0, got " + permits);
        }
        this.permits = permits;
        this.bound = bound;
    }

    @Override
    void invoke(Parked call, Owed owed) {
        switch (call.call.method()) {
            case "acquire" -> {
                call.call.expect(0);
                if (permits > 0) {
                    permits--;
                    owed.value(call, true);
                } else if (call.call.timeoutNanos() == 0) {
                    owed.value(call, false);
                } else {
                    park(call);
                }
            }
            case "release" -> {
                call.call.expect(0);
                Parked next = parked.poll();
                if (next != null) {
                    owed.value(next, true);
                } else if (bound != UNBOUNDED && permits >= bound) {
                    throw new IllegalStateException("the bounded semaphore was released too many times: all "
                            + bound + " permits are free already");
                } else {
                    permits++;
                }
                owed.value(call, null);
            }
            case "availablePermits" -> {
                call.call.expect(0);
                owed.value(call, permits);
            }
            default -> throw noMethod(call.call);
        }
    }

    @Override
    void expired(Parked p, Owed owed) {
        owed.value(p, false);
    }

    @Override
    String kindName() {
        return bound == UNBOUNDED ? "shared semaphore" : "shared bounded semaphore";
    }
}
