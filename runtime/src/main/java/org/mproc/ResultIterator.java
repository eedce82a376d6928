package org.mproc;

import java.util.Iterator;

/**
 * The results of {@link Pool#imap} or {@link Pool#imapUnordered}, available one by one as workers
 * produce them. {@link #next()} throws the call's {@link TaskFailedException} or
 * {@link WorkerDiedException} at the position of the failing chunk; iteration may go on after it.
 * Closing the iterator stops reading the input and drops chunks not yet started.
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable {
    @Override
    void close();
}
