package org.mproc.harness.subject;

import org.mproc.SharedMap;

/** {@link WordCountSubject} as the runtime provides it: {@code merge(word, 1, Integer::sum)}, run in the server. */
public final class RealWordCount implements WordCountSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public void count(SharedMap<String, Integer> counts, String word) {
        counts.merge(word, 1, Integer::sum);
    }
}
