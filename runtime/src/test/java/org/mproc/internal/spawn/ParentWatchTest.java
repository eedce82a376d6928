package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void readsTheParentPidTheJdkReports() {
        long expected = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(expected, ParentWatch.parentPid());
    }
}
