package org.mproc.internal.wire.codec;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A serializable lambda as data, without {@code ObjectInputStream}: the parent asks the lambda for
 * its {@link SerializedLambda} (its {@code writeReplace}), the child rebuilds it and asks the
 * capturing class's {@code $deserializeLambda$} for the function — exactly what
 * {@code SerializedLambda.readResolve} does inside JDK serialization, minus the ~150 classes and
 * ~18 ms that JDK serialization costs a fresh JVM (measured in reports/README.md).
 */
public final class SerializedLambdas {
    private SerializedLambdas() {}

    /** The lambda's serialized form, or null when {@code value} is not a serializable lambda. */
    static SerializedLambda extract(Object value) {
        Class<?> type = value.getClass();
        if (!type.isSynthetic() && !type.isHidden()) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(value);
            return replaced instanceof SerializedLambda ? (SerializedLambda) replaced : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not a lambda we can take apart: JDK serialization will handle it
        }
    }

    /** Rebuilds the function from its parts, through the capturing class. */
    static Object resolve(String capturingClass, String functionalInterfaceClass,
                          String functionalInterfaceMethodName, String functionalInterfaceMethodSignature,
                          int implMethodKind, String implClass, String implMethodName,
                          String implMethodSignature, String instantiatedMethodType, Object[] capturedArgs)
            throws IOException, ClassNotFoundException {
        Class<?> capturing = Class.forName(capturingClass.replace('/', '.'), false, loader());
        SerializedLambda form = new SerializedLambda(capturing, functionalInterfaceClass,
                functionalInterfaceMethodName, functionalInterfaceMethodSignature, implMethodKind, implClass,
                implMethodName, implMethodSignature, instantiatedMethodType, capturedArgs);
        try {
            Method deserialize = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            deserialize.setAccessible(true);
            return deserialize.invoke(null, form);
        } catch (InvocationTargetException e) {
            InvalidObjectException invalid = new InvalidObjectException("cannot rebuild lambda " + form);
            invalid.initCause(e.getCause());
            throw invalid;
        } catch (ReflectiveOperationException | RuntimeException e) {
            InvalidObjectException invalid = new InvalidObjectException("cannot rebuild lambda " + form);
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SerializedLambdas.class.getClassLoader();
    }
}
