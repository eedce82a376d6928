package org.mproc.internal.manager;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * An instance of a registered type in the manager's server. Calls name a method of the registered
 * interface, and only those run; they run one at a time on this object (under its monitor), so an
 * implementation needs no locking of its own. What a method throws goes back to the caller.
 */
final class ManagedCustom extends ManagedObject {
    private final CustomTypes.Loaded type;
    private final Object instance;

    private ManagedCustom(CustomTypes.Loaded type, Object instance) {
        this.type = type;
        this.instance = instance;
    }

    /** Creates an instance with the public constructor that takes {@code args}. */
    static ManagedCustom create(CustomTypes.Loaded type, Object[] args) throws Throwable {
        List<Constructor<?>> fitting = new ArrayList<>();
        for (Constructor<?> c : type.implementation().getConstructors()) {
            if (fits(c.getParameterTypes(), args)) {
                fitting.add(c);
            }
        }
        if (fitting.size() != 1) {
            throw new IllegalArgumentException(type.implementation().getName() + " has " + (fitting.isEmpty() ? "no" : fitting.size())
                    + " public constructor(s) taking " + describe(args) + (fitting.isEmpty() ? "" : ": " + fitting));
        }
        Constructor<?> constructor = fitting.get(0);
        constructor.setAccessible(true); // a class need not be public to be served
        try {
            return new ManagedCustom(type, constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean fits(Class<?>[] parameters, Object[] args) {
        if (parameters.length != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            Class<?> p = parameters[i].isPrimitive() ? boxed(parameters[i]) : parameters[i];
            if (args[i] == null ? parameters[i].isPrimitive() : !p.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    private static String describe(Object[] args) {
        List<String> types = new ArrayList<>();
        for (Object a : args) {
            types.add(a == null ? "null" : a.getClass().getName());
        }
        return "(" + String.join(", ", types) + ")";
    }

    @Override
    synchronized byte[] invoke(Invocation call) throws Exception {
        Method m = type.methods().get(call.method());
        if (m == null) {
            throw new IllegalArgumentException(type.type().getName() + " has no method " + call.method()
                    + ": a managed object runs only the methods of its registered interface");
        }
        Object[] args = new Object[call.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = call.arg(i);
        }
        Object result;
        try {
            result = m.invoke(instance, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
        if (m.getReturnType() == void.class) {
            return null;
        }
        try {
            return encode(result);
        } catch (IOException e) {
            throw new IllegalArgumentException("the result of " + type.type().getSimpleName() + "." + m.getName()
                    + " cannot be serialized: " + e.getMessage(), e);
        }
    }

    @Override
    String kindName() {
        return type.type().getName();
    }
}
