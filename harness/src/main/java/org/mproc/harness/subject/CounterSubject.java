package org.mproc.harness.subject;

import java.io.Serializable;
import org.mproc.Namespace;

/** Adding one to a counter in a manager's namespace atomically (G-MGR-3): no increment is ever lost. */
public interface CounterSubject extends Serializable {
    /** Adds one to the integer {@code name} and returns the new value. */
    int increment(Namespace shared, String name);
}
