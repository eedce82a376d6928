package org.mproc.scenarios.broken;

import java.util.ArrayList;
import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.ResultIterator;
import org.mproc.harness.subject.MapSubject;

/**
 * A broken map for G-HAR-4: results in the order the workers finish them
 * ({@link Pool#imapUnordered}), the mistake a hand-rolled map over a completion queue makes.
 * Scenario 02 under stress must fail it as "out of input order".
 */
public final class CompletionOrderMap implements MapSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public <T, R> List<R> map(Pool pool, ProcessFunction<? super T, ? extends R> f, List<T> items, int chunksize) {
        List<R> results = new ArrayList<>(items.size());
        try (ResultIterator<? extends R> it = pool.imapUnordered(f, items, chunksize)) {
            it.forEachRemaining(results::add);
        }
        return results;
    }
}
