package org.mproc;

import java.io.Serializable;

/** A function that runs in a worker JVM; it and what it captures travel by serialization. */
@FunctionalInterface
public interface ProcessFunction<T, R> extends Serializable {
    R apply(T t) throws Exception;
}
