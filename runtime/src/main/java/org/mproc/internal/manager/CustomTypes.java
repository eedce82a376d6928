package org.mproc.internal.manager;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The types registered on a manager: an interface and the class that implements it, by name, so
 * the list travels to the server, which loads them when it starts. Checked when registered, in the
 * caller, so a mistake is named before any process starts.
 */
public final class CustomTypes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> implementations = new LinkedHashMap<>();

    /**
     * Adds {@code type}, served by {@code implementation}.
     *
     * @throws IllegalArgumentException if {@code type} is not an interface, is registered already,
     *                                  or {@code implementation} does not implement it, is abstract,
     *                                  or has no public constructor
     */
    public void register(Class<?> type, Class<?> implementation) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface: a managed type is reached "
                    + "through an interface, which its proxy implements");
        }
        if (implementations.containsKey(type.getName())) {
            throw new IllegalArgumentException(type.getName() + " is registered already, to "
                    + implementations.get(type.getName()));
        }
        if (!type.isAssignableFrom(implementation)) {
            throw new IllegalArgumentException(implementation.getName() + " does not implement " + type.getName());
        }
        if (implementation.isInterface() || Modifier.isAbstract(implementation.getModifiers())) {
            throw new IllegalArgumentException(implementation.getName() + " is abstract: the server cannot create one");
        }
        if (implementation.getConstructors().length == 0) {
            throw new IllegalArgumentException(implementation.getName() + " has no public constructor");
        }
        implementations.put(type.getName(), implementation.getName());
    }

    /** Whether {@code type} is registered. */
    public boolean has(Class<?> type) {
        return implementations.containsKey(type.getName());
    }

    /** What is registered, for messages. */
    public String names() {
        return implementations.isEmpty() ? "none" : String.join(", ", implementations.keySet());
    }

    /** In the server: every registered type, loaded; a class that cannot be loaded fails the start. */
    Map<String, Loaded> load() throws ClassNotFoundException {
        ClassLoader loader = CustomTypes.class.getClassLoader();
        Map<String, Loaded> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : implementations.entrySet()) {
            Class<?> type = Class.forName(e.getKey(), false, loader);
            Class<?> implementation = Class.forName(e.getValue(), true, loader);
            loaded.put(e.getKey(), new Loaded(type, implementation, methodsOf(type)));
        }
        return loaded;
    }

    /** A registered type in the server: the methods a call may name are the interface's. */
    record Loaded(Class<?> type, Class<?> implementation, Map<String, Method> methods) {}

    private static Map<String, Method> methodsOf(Class<?> type) {
        Map<String, Method> methods = Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .collect(Collectors.toMap(CustomTypes::key, m -> m, (a, b) -> a, LinkedHashMap::new));
        methods.values().forEach(m -> m.setAccessible(true)); // an interface need not be public to be served
        return methods;
    }

    /** How a call names a method: its name and parameter types, so overloads stay apart. */
    public static String key(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
