package org.mproc.examples;

import java.util.Collections;
import java.util.List;
import org.mproc.Manager;
import org.mproc.Pool;
import org.mproc.SharedLock;
import org.mproc.SharedValue;

/**
 * A counter shared by several processes through a {@link Manager}, counted three ways: racy,
 * under a lock, and with an atomic update. Each way runs four pool tasks, two at a time on two
 * worker processes, that each add 1 to the counter 250 times: 1,000 in all.
 *
 * <p>The racy way reads the value, then writes it plus one: two calls to the manager's server,
 * and the other worker's increments that land between them are overwritten. It usually ends
 * well short of 1,000, and never above. Holding a {@link SharedLock} across the read and the write
 * makes the count exact, at the price of two more calls per increment;
 * {@link SharedValue#updateAndGet} is exact with one call, because the function runs inside the
 * server (a {@code SharedMap} offers the same per key).
 *
 * <pre>java -jar examples/target/mproc-examples.jar counter</pre>
 */
public final class Counter {
    static final String NAME = "counter";

    private static final int TASKS = 4;
    private static final int INCREMENTS = 250;
    private static final int EXPECTED = TASKS * INCREMENTS;

    private Counter() {}

    public static void main(String[] args) {
        run();
    }

    /** The program; throws instead of exiting, so that a test can call it. */
    static void run() {
        List<Integer> tasks = Collections.nCopies(TASKS, INCREMENTS);
        try (Manager manager = Manager.start(); Pool pool = new Pool(2)) {
            SharedValue<Integer> racy = manager.value(0);
            pool.map(n -> addRacily(racy, n), tasks, 1);
            int racyCount = racy.get();
            int lost = EXPECTED - racyCount;
            Check.that(lost >= 0, "the racy counter went past " + EXPECTED + ": " + racyCount);
            System.out.printf("racy:    %4d of %d (get then set; %s)%n", racyCount, EXPECTED,
                    lost > 0 ? lost + " increments were lost to the race"
                             : "no increment was lost this time, but nothing prevents it");

            SharedValue<Integer> locked = manager.value(0);
            SharedLock lock = manager.lock();
            pool.map(n -> addUnderLock(lock, locked, n), tasks, 1);
            Check.that(locked.get() == EXPECTED, "the locked counter is " + locked.get() + ", not " + EXPECTED);
            System.out.printf("locked:  %4d of %d (get then set under a SharedLock)%n", locked.get(), EXPECTED);

            SharedValue<Integer> atomic = manager.value(0);
            pool.map(n -> addAtomically(atomic, n), tasks, 1);
            Check.that(atomic.get() == EXPECTED, "the atomic counter is " + atomic.get() + ", not " + EXPECTED);
            System.out.printf("atomic:  %4d of %d (updateAndGet, run in the manager's server)%n", atomic.get(), EXPECTED);
        }
        System.out.println("OK " + NAME);
    }

    /** Wrong on purpose: another process may write between this get and this set. */
    static int addRacily(SharedValue<Integer> counter, int times) {
        for (int i = 0; i < times; i++) {
            counter.set(counter.get() + 1);
        }
        return times;
    }

    static int addUnderLock(SharedLock lock, SharedValue<Integer> counter, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            lock.lock();
            try {
                counter.set(counter.get() + 1);
            } finally {
                lock.unlock();
            }
        }
        return times;
    }

    static int addAtomically(SharedValue<Integer> counter, int times) {
        for (int i = 0; i < times; i++) {
            counter.updateAndGet(v -> v + 1);
        }
        return times;
    }
}
