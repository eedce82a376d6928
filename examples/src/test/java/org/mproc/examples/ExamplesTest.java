package org.mproc.examples;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each example inside the Surefire JVM, the way a user's own tests would use mproc: the
 * children get the test class path that Surefire sets. A failed check throws out of {@code run},
 * which fails the test. The timeout is generous; each example takes a few seconds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExamplesTest {
    @Test
    void wordCountCountsEveryFileInOrder() throws Exception {
        WordCount.run();
    }

    @Test
    void pipelineInvoicesEveryOrderOnce() throws Exception {
        Pipeline.run();
    }

    @Test
    void counterIsExactUnderTheLockAndWithUpdateAndGet() {
        Counter.run();
    }

    @Test
    void errorsReachTheCallerAndThePoolGoesOn() throws Exception {
        Errors.run();
    }
}
