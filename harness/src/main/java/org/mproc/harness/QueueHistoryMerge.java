package org.mproc.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link QueueHistory#merge}: histories recorded in several processes made one. Sorting by time with
 * ties broken by part and then by sequence keeps each part's order, because a recorder never lets
 * time go back along its sequence; ids are remapped per part because every recorder counts from 0.
 */
final class QueueHistoryMerge {
    private QueueHistoryMerge() {}

    static QueueHistory merge(List<QueueHistory> parts) {
        record Tagged(QueueOp op, int part) {}
        List<Tagged> all = new ArrayList<>();
        Map<String, Integer> partOfProcess = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (QueueOp op : parts.get(i).ops()) {
                Integer owner = partOfProcess.putIfAbsent(op.process(), i);
                if (owner != null && owner != i) {
                    throw new IllegalArgumentException("process " + op.process() + " is in parts " + owner
                            + " and " + i + " of the merge");
                }
                all.add(new Tagged(op, i));
            }
        }
        all.sort(Comparator.comparingLong((Tagged t) -> t.op().nanos()).thenComparingInt(Tagged::part)
                .thenComparingLong(t -> t.op().seq()));
        List<Map<Long, Long>> callIds = new ArrayList<>();
        parts.forEach(p -> callIds.add(new HashMap<>()));
        List<QueueOp> merged = new ArrayList<>(all.size());
        long nextId = 0;
        for (Tagged t : all) {
            Map<Long, Long> ids = callIds.get(t.part());
            Long id = ids.get(t.op().call());
            if (id == null) {
                id = nextId++;
                ids.put(t.op().call(), id);
            }
            QueueOp op = t.op();
            merged.add(new QueueOp(merged.size(), id, op.type(), op.phase(), op.process(), op.thread(),
                    op.hasValue(), op.value(), op.nanos()));
        }
        return QueueHistory.of(merged);
    }
}
