package org.mproc.internal.manager;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition in the manager's server, on one of its locks. A wait releases the lock whatever the
 * holder's count and parks; a signal, its deadline or its cancellation moves it to the lock's
 * queue, and it is answered once it holds the lock again with the count it had, so every wait
 * returns (or throws) holding the lock, as {@link java.util.concurrent.locks.Condition}'s do.
 */
final class ManagedCondition extends ParkingObject {
    private final ManagedLock lock;

    ManagedCondition(ManagedLock lock) {
        this.lock = lock;
    }

    @Override
    void invoke(Parked call, Owed owed) {
        Invocation c = call.call;
        switch (c.method()) {
            case "await" -> {
                c.expect(0);
                List<Runnable> grants = new ArrayList<>(1);
                call.tag = lock.releaseForWait(c.connection(), c.thread(), grants);
                grants.forEach(owed::later);
                if (c.timeoutNanos() == 0) {
                    relock(call, owed, () -> call.answer.value(encoded(false)));
                } else {
                    park(call);
                }
            }
            case "signal", "signalAll" -> {
                c.expect(0);
                if (!lock.heldBy(c.connection(), c.thread())) {
                    throw new IllegalMonitorStateException("signal needs the condition's lock, and this thread does not hold it");
                }
                int n = c.method().equals("signal") ? 1 : parked.size();
                for (int i = 0; i < n && !parked.isEmpty(); i++) {
                    Parked waiter = parked.poll();
                    relock(waiter, owed, () -> waiter.answer.value(encoded(true)));
                }
                owed.value(call, null);
            }
            default -> throw noMethod(c);
        }
    }

    /** The waiter takes the lock back, then {@code answer} tells it. */
    private void relock(Parked waiter, Owed owed, Runnable answer) {
        owed.detach(waiter);
        Invocation c = waiter.call;
        if (lock.reacquire(c.connection(), c.thread(), (int) waiter.tag, answer)) {
            owed.later(answer);
        }
    }

    @Override
    void expired(Parked p, Owed owed) {
        relock(p, owed, () -> p.answer.value(encoded(false)));
    }

    @Override
    void cancelled(Parked p, Owed owed) {
        relock(p, owed, p.answer::cancelled);
    }

    @Override
    String kindName() {
        return "shared condition";
    }
}
