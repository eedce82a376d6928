package org.mproc.scenarios.broken;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.WorkerDiedException;
import org.mproc.harness.subject.MapSubject;

/**
 * A broken map for G-HAR-4: when a worker dies mid-map it waits for a result that will never come,
 * as CPython's pool does (gh-66587). It waits interruptibly, so the harness can end the trial it
 * reports as a hang; then it rethrows the death with the interrupt status kept.
 * Scenario 02f must fail it with the outcome "hang: …".
 */
public final class HangingMap implements MapSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <T, R> List<R> map(Pool pool, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize) {
        try {
            return pool.map(f, items, chunksize);
        } catch (WorkerDiedException death) {
            try {
                new CountDownLatch(1).await(); // the lost task's result, for ever
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                death.addSuppressed(stop);
            }
            throw death;
        }
    }
}
