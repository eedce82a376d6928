package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.ProcessException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/** Types registered on a manager and its initializer (G-MGR-15). */
class ManagerCustomTypesTest {
    /** A counter served by the manager. */
    interface Counter {
        int increment();

        int value();
    }

    /** Counts with no locking of its own: the server runs one call at a time per instance. */
    public static final class PlainCounter implements Counter {
        private int n;

        public PlainCounter() {}

        public PlainCounter(int start) {
            this.n = start;
        }

        @Override
        public int increment() {
            int read = n;
            Thread.yield(); // widen the window a racing second call would need
            n = read + 1;
            return n;
        }

        @Override
        public int value() {
            return n;
        }
    }

    /** An account whose methods fail in every way a method can. */
    interface Account {
        long balance();

        void withdraw(long amount) throws IOException;

        Object statement();

        String greeting();
    }

    public static final class BankAccount implements Account {
        private final String owner;
        private long balance;

        public BankAccount(String owner, Long balance) {
            this.owner = owner;
            this.balance = balance;
        }

        @Override
        public long balance() {
            return balance;
        }

        @Override
        public void withdraw(long amount) throws IOException {
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount " + amount);
            }
            if (amount > balance) {
                throw new IOException(owner + " has only " + balance);
            }
            balance -= amount;
        }

        @Override
        public Object statement() {
            return new Object(); // cannot travel
        }

        @Override
        public String greeting() {
            return ServerState.greeting;
        }
    }

    /** Set by the initializer, in the server. */
    static final class ServerState {
        static volatile String greeting = "not initialized";
    }

    static void initialize() {
        ServerState.greeting = "initialized in " + ProcessHandle.current().pid();
    }

    private static Manager manager;

    @BeforeAll
    static void startManager() {
        manager = Manager.builder().register(Counter.class, PlainCounter.class).register(Account.class, BankAccount.class)
                .initializer(ManagerCustomTypesTest::initialize).start();
    }

    @AfterAll
    static void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    static void incrementMany(Counter counter, int times) {
        for (int i = 0; i < times; i++) {
            counter.increment();
        }
    }

    @Test
    @Tag("G-MGR-15")
    void callsFromFourProcessesRunInTheServerOneAtATime() throws Exception {
        Counter counter = manager.create(Counter.class);
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                children.add(reaper.start(new ChildProcess("incrementer-" + i, () -> incrementMany(counter, 250))));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        assertEquals(1000, counter.value(), "no increment lost");
        assertEquals(41, manager.create(Counter.class, 40).increment(), "the constructor that takes an int");
    }

    @Test
    @Tag("G-MGR-15")
    @Tag("G-MGR-4")
    void whatAMethodThrowsArrivesAsItWas() throws Exception {
        Account account = manager.create(Account.class, "alice", 10L);
        account.withdraw(3);
        assertEquals(7, account.balance());
        IOException declared = assertThrows(IOException.class, () -> account.withdraw(100));
        assertEquals("alice has only 7", declared.getMessage());
        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class, () -> account.withdraw(-1));
        assertEquals("negative amount -1", unchecked.getMessage());
        IllegalArgumentException result = assertThrows(IllegalArgumentException.class, account::statement);
        assertTrue(result.getMessage().contains("cannot be serialized"), result.getMessage());
        assertEquals(7, account.balance(), "failed calls changed nothing");
    }

    @Test
    @Tag("G-MGR-15")
    void theInitializerRanInTheServerBeforeItServed() {
        Account account = manager.create(Account.class, "bob", 0L);
        assertEquals("initialized in " + manager.pid(), account.greeting());
    }

    @Test
    @Tag("G-MGR-15")
    void proxiesAreEqualWhenTheyReachTheSameObject() {
        Counter a = manager.create(Counter.class);
        Counter b = manager.create(Counter.class);
        assertEquals(a, a);
        assertNotEquals(a, b);
        assertEquals(a.hashCode(), a.hashCode());
        assertTrue(a.toString().contains(Counter.class.getName()), a.toString());
    }

    /** Not an interface. */
    abstract static class AbstractCounter implements Counter {}

    /** No public constructor. */
    static final class HiddenCounter implements Counter {
        private HiddenCounter() {}

        @Override
        public int increment() {
            return 0;
        }

        @Override
        public int value() {
            return 0;
        }
    }

    @Test
    @Tag("G-MGR-15")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void badRegistrationsAndCreationsAreRefusedNamingWhatIsWrong() {
        Manager.Builder builder = Manager.builder().register(Counter.class, PlainCounter.class);
        assertMessage("is not an interface", () -> Manager.builder().register(PlainCounter.class, PlainCounter.class));
        assertMessage("is registered already", () -> builder.register(Counter.class, PlainCounter.class));
        assertMessage("does not implement", () -> Manager.builder().register((Class) Account.class, (Class) PlainCounter.class));
        assertMessage("is abstract", () -> Manager.builder().register(Counter.class, AbstractCounter.class));
        assertMessage("has no public constructor", () -> Manager.builder().register(Counter.class, HiddenCounter.class));
        assertMessage("is not registered", () -> manager.create(Runnable.class));
        assertMessage("no public constructor(s) taking (java.lang.String)", () -> manager.create(Counter.class, "x"));
        assertMessage("cannot be serialized", () -> manager.create(Account.class, "alice", new Object()));
        assertThrows(NullPointerException.class, () -> Manager.builder().initializer(null));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    static void failToInitialize() throws IOException {
        throw new IOException("no configuration found");
    }

    @Test
    @Tag("G-MGR-15")
    @Tag("G-PROC-10")
    void anInitializerThatThrowsFailsTheStartWithItsCause() {
        ProcessException e = assertThrows(ProcessException.class,
                () -> Manager.builder().initializer(ManagerCustomTypesTest::failToInitialize).start().close());
        assertTrue(e.getMessage().contains("no configuration found"), e.getMessage());
    }
}
