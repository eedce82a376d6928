package org.mproc.internal.manager;

/**
 * A barrier in the manager's server. The parties waiting in this round are the parked calls; the
 * last to arrive answers them all with their arrival index. Breaking answers every waiter
 * {@link #BROKEN}; a broken barrier answers every await so at once until a reset.
 */
final class ManagedBarrier extends ParkingObject {
    /** Answers to an await other than an arrival index (≥ 0). */
    static final int BROKEN = -1;
    static final int TIMED_OUT = -2;

    private final int parties;
    private boolean broken;

    ManagedBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, got " + parties);
        }
        this.parties = parties;
    }

    @Override
    void invoke(Parked call, Owed owed) {
        switch (call.call.method()) {
            case "await" -> {
                call.call.expect(0);
                if (broken) {
                    owed.value(call, BROKEN);
                    return;
                }
                int index = parties - 1 - parked.size();
                if (index == 0) {
                    for (Parked waiter : parked) {
                        owed.value(waiter, (int) waiter.tag);
                    }
                    parked.clear();
                    owed.value(call, 0);
                } else if (call.call.timeoutNanos() == 0) {
                    breakAll(owed);
                    owed.value(call, TIMED_OUT);
                } else {
                    call.tag = index;
                    park(call);
                }
            }
            case "reset" -> {
                call.call.expect(0);
                breakAll(owed);
                broken = false;
                owed.value(call, null);
            }
            case "abort" -> {
                call.call.expect(0);
                breakAll(owed);
                owed.value(call, null);
            }
            case "isBroken" -> {
                call.call.expect(0);
                owed.value(call, broken);
            }
            case "parties" -> {
                call.call.expect(0);
                owed.value(call, parties);
            }
            case "waiting" -> {
                call.call.expect(0);
                owed.value(call, parked.size());
            }
            default -> throw noMethod(call.call);
        }
    }

    private void breakAll(Owed owed) {
        broken = true;
        for (Parked waiter : parked) {
            owed.value(waiter, BROKEN);
        }
        parked.clear();
    }

    @Override
    void expired(Parked p, Owed owed) {
        breakAll(owed);
        owed.value(p, TIMED_OUT);
    }

    @Override
    void cancelled(Parked p, Owed owed) {
        breakAll(owed);
        owed.cancelled(p);
    }

    @Override
    void died(Parked p, Owed owed) {
        super.died(p, owed);
        breakAll(owed); // a party that died waiting will never go on: nor can the others (G-MGR-13)
    }

    @Override
    String kindName() {
        return "shared barrier";
    }
}
