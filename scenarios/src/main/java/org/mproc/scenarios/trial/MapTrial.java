package org.mproc.scenarios.trial;

import java.util.List;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.harness.subject.MapSubject;

/**
 * One map on a fresh pool, for the trials of 02 and 04: the pool is closed when the map returns
 * and terminated when it fails or is interrupted, so a trial leaves no worker behind (G-HAR-2). A
 * subject that maps elsewhere (a cluster's) gets no pool.
 */
public final class MapTrial {
    private MapTrial() {}

    public static <T, R> List<R> run(MapSubject subject, int processes, ProcessFunction<? super T, ? extends R> f,
                              List<T> items, int chunksize) {
        if (!subject.usesTheLocalPool()) {
            return subject.map(null, f, items, chunksize);
        }
        try (Pool pool = new Pool(processes)) {
            try {
                return subject.map(pool, f, items, chunksize);
            } catch (RuntimeException | Error e) {
                pool.terminate(); // a failed or interrupted map must not wait for the rest of its work
                throw e;
            }
        }
    }
}
