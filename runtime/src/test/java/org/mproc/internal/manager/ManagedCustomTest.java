package org.mproc.internal.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A registered type's instance in the server runs only its interface's methods (G-MGR-15). */
class ManagedCustomTest {
    interface Greeter {
        String greet(String name);
    }

    public static final class LoudGreeter implements Greeter {
        public LoudGreeter() {}

        @Override
        public String greet(String name) {
            return "HELLO " + name;
        }

        /** Public, but not in the interface: no call may reach it. */
        public String secret() {
            return "leaked";
        }
    }

    private static Invocation call(String method, Object... args) throws Exception {
        List<byte[]> encoded = new java.util.ArrayList<>();
        for (Object a : args) {
            encoded.add(ManagedObject.encode(a));
        }
        return new Invocation(new Object(), 1, 1, -1, method, encoded);
    }

    @Test
    @Tag("G-MGR-15")
    void onlyTheRegisteredInterfacesMethodsRun() throws Throwable {
        CustomTypes types = new CustomTypes();
        types.register(Greeter.class, LoudGreeter.class);
        ManagedCustom greeter = ManagedCustom.create(types.load().get(Greeter.class.getName()), new Object[0]);
        String key = CustomTypes.key(Greeter.class.getMethod("greet", String.class));
        assertEquals("greet(java.lang.String)", key);
        assertEquals("HELLO ann", ManagedObject.decode(greeter.invoke(call(key, "ann"))));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> greeter.invoke(call("secret()")));
        assertTrue(outside.getMessage().contains("runs only the methods of its registered interface"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> greeter.invoke(call("greet(java.lang.Integer)", 3)));
        assertThrows(IllegalArgumentException.class, () -> greeter.invoke(call("wait()")));
    }
}
