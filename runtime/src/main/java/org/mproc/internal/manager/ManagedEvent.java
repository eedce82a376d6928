package org.mproc.internal.manager;

/** An event in the manager's server: a flag; waits parked until it is set or their deadline. */
final class ManagedEvent extends ParkingObject {
    private boolean flag;

    @Override
    void invoke(Parked call, Owed owed) {
        switch (call.call.method()) {
            case "set" -> {
                call.call.expect(0);
                flag = true;
                for (Parked waiter : parked) {
                    owed.value(waiter, true);
                }
                parked.clear();
                owed.value(call, null);
            }
            case "clear" -> {
                call.call.expect(0);
                flag = false;
                owed.value(call, null);
            }
            case "isSet" -> {
                call.call.expect(0);
                owed.value(call, flag);
            }
            case "await" -> {
                call.call.expect(0);
                if (flag) {
                    owed.value(call, true);
                } else if (call.call.timeoutNanos() == 0) {
                    owed.value(call, false);
                } else {
                    park(call);
                }
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
        return "shared event";
    }
}
