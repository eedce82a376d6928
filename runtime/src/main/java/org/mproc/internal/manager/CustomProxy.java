package org.mproc.internal.manager;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.mproc.TaskFailedException;

/**
 * The client side of a registered type's instance: the {@link InvocationHandler} behind a
 * {@link Proxy} of its interface. Each call runs the method in the server; arguments and results
 * travel as copies. {@code equals}, {@code hashCode} and {@code toString} are the proxy's own.
 */
public final class CustomProxy extends ManagerProxy implements InvocationHandler {
    private static final long serialVersionUID = 1L;

    private final String typeName;

    private CustomProxy(String socket, long objectId, long serverPid, String typeName) {
        super(socket, objectId, serverPid);
        this.typeName = typeName;
    }

    /** A proxy of {@code type} for the object the server created. */
    public static <I> I of(Class<I> type, String socket, long objectId, long serverPid) {
        CustomProxy handler = new CustomProxy(socket, objectId, serverPid, type.getName());
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        return type.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return local(proxy, method, args);
        }
        Object[] given = args == null ? new Object[0] : args;
        byte[][] encoded = new byte[given.length][];
        for (int i = 0; i < given.length; i++) {
            encoded[i] = encode(given[i], "argument " + i + " of " + method.getName());
        }
        try {
            return decode(invoke(CustomTypes.key(method), encoded));
        } catch (TaskFailedException e) {
            for (Class<?> declared : method.getExceptionTypes()) {
                if (declared.isInstance(e.getCause())) {
                    throw e.getCause(); // a checked exception the interface declares arrives as it was
                }
            }
            throw e;
        }
    }

    private Object local(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return args[0] != null && Proxy.isProxyClass(args[0].getClass())
                        && Proxy.getInvocationHandler(args[0]) instanceof CustomProxy other
                        && other.socket().equals(socket()) && other.objectId() == objectId();
            case "hashCode":
                return Long.hashCode(objectId()) * 31 + socket().hashCode();
            default:
                return typeName + "#" + objectId() + "@" + socket();
        }
    }
}
