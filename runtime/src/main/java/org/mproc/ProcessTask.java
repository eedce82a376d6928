package org.mproc;

import java.io.Serializable;

/**
 * Work that runs in a child JVM. It travels by serialization, so everything it captures must be
 * {@link Serializable}; lambdas should not capture a non-serializable {@code this}.
 */
@FunctionalInterface
public interface ProcessTask extends Serializable {
    void run() throws Exception;
}
