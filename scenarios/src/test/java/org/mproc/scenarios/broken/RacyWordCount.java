package org.mproc.scenarios.broken;

import org.mproc.SharedMap;
import org.mproc.harness.subject.WordCountSubject;

/**
 * A word count as CPython programs write it on a manager dict, {@code d[w] = d.get(w, 0) + 1}
 * (G-HAR-4): a read, then a write, two calls with nothing holding the key between them, so two
 * processes counting the same word at once both write the same count and one is lost.
 */
public final class RacyWordCount implements WordCountSubject {
    private static final long serialVersionUID = 1L;

    @Override
    public void count(SharedMap<String, Integer> counts, String word) {
        counts.put(word, counts.getOrDefault(word, 0) + 1);
    }
}
