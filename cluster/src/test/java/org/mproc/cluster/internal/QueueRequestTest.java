package org.mproc.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The queue's requests met twice, as Hazelcast retries them after an owner's death (G-CLUSTER-6):
 * a put or take already applied is answered as the first time and changes nothing; a replica
 * that crossed serialization answers the same way; a take that found nothing is not remembered.
 */
@Tag("G-CLUSTER-6")
class QueueRequestTest {
    private final Map.Entry<String, QueueState> entry = new AbstractMap.SimpleEntry<>("q", null);

    private Object apply(QueueRequest request) {
        return request.process(entry);
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> taken(Object answer) {
        return (List<byte[]>) answer;
    }

    @Test
    void aRetriedPutAddsNothingTwice() {
        QueueRequest put = QueueRequest.put("h/1", 1, List.of(new byte[] {1}, new byte[] {2}));
        assertEquals(2, apply(put));
        assertEquals(2, apply(put), "the retry is answered as the first time");
        assertEquals(2, apply(QueueRequest.size()), "and the elements are there once");
        assertEquals(1, apply(QueueRequest.put("h/1", 2, List.of(new byte[] {3}))), "the next request is applied");
        assertEquals(3, apply(QueueRequest.size()));
    }

    @Test
    void aRetriedTakeReturnsTheSameElementsAndTakesNoMore() {
        apply(QueueRequest.put("p/1", 1, List.of(new byte[] {1}, new byte[] {2}, new byte[] {3})));
        QueueRequest take = QueueRequest.take("c/1", 1, 2);
        List<byte[]> first = taken(apply(take));
        assertEquals(List.of(1, 2), first.stream().map(b -> (int) b[0]).toList());
        assertSame(first, apply(take), "the retry gets the elements the first attempt took");
        assertEquals(1, apply(QueueRequest.size()), "the third element is still there for the next take");
        assertEquals(List.of(3), taken(apply(QueueRequest.take("c/2", 1, 5))).stream().map(b -> (int) b[0]).toList(),
                "another requester with the same number is another request");
    }

    @Test
    void aTakeThatFoundNothingIsNotRememberedSoItsRetryTakesWhatCameSince() {
        QueueRequest take = QueueRequest.take("c/1", 7, 1);
        assertEquals(List.of(), apply(take));
        apply(QueueRequest.put("p/1", 1, List.of(new byte[] {9})));
        assertEquals(List.of(9), taken(apply(take)).stream().map(b -> (int) b[0]).toList());
    }

    @Test
    void aReplicaThatCrossedSerializationRemembersTheAnswers() {
        apply(QueueRequest.put("p/1", 1, List.of(new byte[] {1}, new byte[] {2})));
        QueueRequest take = QueueRequest.take("c/1", 1, 1);
        apply(take);
        QueueState copy = roundTrip(entry.getValue());
        Map.Entry<String, QueueState> replica = new AbstractMap.SimpleEntry<>("q", copy);
        assertEquals(List.of(1), taken(roundTrip(take).process(replica)).stream().map(b -> (int) b[0]).toList(),
                "the new owner answers the retried take as the old one did");
        assertEquals(1, QueueRequest.size().process(replica), "and took nothing more");
    }

    /** Through Hazelcast's serialization with mproc's factory, as a backup or a migration carries it. */
    private static <T> T roundTrip(T object) {
        SerializationService hazelcast = new DefaultSerializationServiceBuilder()
                .addDataSerializableFactory(MprocSerializables.FACTORY_ID, new MprocSerializables()).build();
        T copy = hazelcast.toObject(hazelcast.toData(object));
        assertNotSame(object, copy);
        return copy;
    }
}
