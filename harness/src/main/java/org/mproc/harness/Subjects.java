package org.mproc.harness;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/** Instantiates the subject named on the command line, checking it fits the scenario. */
final class Subjects {
    private Subjects() {}

    /** The subject to give trials, {@code null} for the real implementation. */
    static Object instantiate(Optional<String> className, Scenario scenario) {
        if (className.isEmpty()) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className.get(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("subject class " + className.get() + " is not on the class path");
        }
        Optional<Class<?>> expected = scenario.subjectType();
        if (expected.isEmpty() || !expected.get().isAssignableFrom(type)) {
            throw new IllegalArgumentException("subject " + type.getName() + " does not fit scenario " + scenario.id()
                    + ", which exercises " + expected.map(Class::getName).orElse("no replaceable subject"));
        }
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("subject " + type.getName() + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("subject " + type.getName() + " failed to construct: " + e.getCause(), e);
        }
    }
}
