package org.mproc.harness.subject;

import java.io.Serializable;
import org.mproc.SharedMap;

/**
 * Counting one occurrence of a word in a manager's map, from any process, exactly (G-MGR-10): no
 * count is ever lost, however many processes count the same word at once.
 */
public interface WordCountSubject extends Serializable {
    /**
     * Adds one to {@code word}'s count, starting it at 1 when the word is new.
     *
     * @param counts the shared counts
     * @param word   the word seen
     */
    void count(SharedMap<String, Integer> counts, String word);
}
