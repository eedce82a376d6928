package org.mproc.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;

/**
 * A multiset of queue elements compared with {@code equals}, in order of first appearance so that
 * reports list values in history order. {@code null} is an element like any other ({@link
 * LinkedHashMap} takes a null key), because it is a legal queue element.
 */
final class ValueCounts {
    private final Map<Object, Integer> counts = new LinkedHashMap<>();

    void add(Object value) {
        counts.merge(value, 1, Integer::sum);
    }

    int count(Object value) {
        return counts.getOrDefault(value, 0);
    }

    /** The number of elements, each counted as often as it occurs. */
    int size() {
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }

    /** Multiset intersection: each value as often as it occurs in both. */
    ValueCounts min(ValueCounts other) {
        return combine((mine, theirs) -> Math.min(mine, theirs), other);
    }

    /** Multiset difference: each value as often as it occurs here beyond its count in {@code other}. */
    ValueCounts minus(ValueCounts other) {
        return combine((mine, theirs) -> mine - theirs, other);
    }

    /** The values here that never occur in {@code other}, with their counts. */
    ValueCounts absentFrom(ValueCounts other) {
        return combine((mine, theirs) -> theirs == 0 ? mine : 0, other);
    }

    List<TotalQueueResult.ValueCount> toList() {
        List<TotalQueueResult.ValueCount> list = new ArrayList<>(counts.size());
        counts.forEach((value, count) -> list.add(new TotalQueueResult.ValueCount(value, count)));
        return list;
    }

    private ValueCounts combine(ToIntBiFunction<Integer, Integer> rule, ValueCounts other) {
        ValueCounts result = new ValueCounts();
        counts.forEach((value, mine) -> {
            int n = rule.applyAsInt(mine, other.count(value));
            if (n > 0) {
                result.counts.put(value, n);
            }
        });
        return result;
    }
}
