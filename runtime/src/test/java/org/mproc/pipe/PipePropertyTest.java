package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.EOFException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * G-PIPE-1 over generated values: whatever this process sends, a child receives in the same order
 * and sends back, and what comes back equals what was sent — integers, longs, doubles, strings
 * (lone surrogates included), null, lists, maps and records, in runs of any length, sent while the
 * child answers. One long-lived child echoes every example; a value changed after {@code send}
 * comes back as it was sent.
 */
@Tag("G-PIPE-1")
class PipePropertyTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(2));
    private static Reaper reaper;
    private static ProcessPipe.End<Object> mine;
    private static ChildProcess echo;

    /** A record value: components of the codec's fast paths. */
    record Item(int id, String name, List<Long> tags) implements Serializable {}

    /** In the child: sends back every value received, unchanged, until the other end closes. */
    static void echo(ProcessPipe.End<Object> end) throws Exception {
        while (true) {
            try {
                end.send(end.recv());
            } catch (EOFException closed) {
                return;
            }
        }
    }

    @BeforeAll
    static void startEcho() {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessPipe.End<Object> theirs = pipe.right();
        mine = pipe.left();
        reaper = new Reaper();
        echo = reaper.start(new ChildProcess("pipe-echo", () -> echo(theirs)));
    }

    @AfterAll
    static void stopEcho() throws InterruptedException {
        mine.close();
        Reaper.joinWithin(echo, Delays.CHILD);
        reaper.close();
    }

    private static Gen<Object> values() {
        Gen<Object> item = integers().all().zip(strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                lists().of(longs().all()).ofSizeBetween(0, 4), (id, name, tags) -> (Object) new Item(id, name, tags));
        Gen<Object> map = lists().of(strings().ascii().ofLengthBetween(0, 4)).ofSizeBetween(0, 5).map(keys -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            keys.forEach(k -> m.put(k, k.length()));
            return (Object) m;
        });
        return Generate.oneOf(
                integers().all().map(i -> (Object) i),
                longs().all().map(l -> (Object) l),
                doubles().any().map(d -> (Object) d),
                strings().allPossible().ofLengthBetween(0, 40).map(s -> (Object) s),
                lists().of(integers().all()).ofSizeBetween(0, 30).map(l -> (Object) l),
                Generate.constant((Object) null),
                item,
                map);
    }

    @Test
    void everyValueComesBackFromAChildInTheOrderSent() {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(lists().of(values()).ofSizeBetween(0, 200))
                .checkAssert(sent -> {
                    List<Object> mutable = new ArrayList<>(sent);
                    // Sent while this thread receives: with both sides sending before reading, a
                    // pipe can fill both ways and wait for ever, as OS pipes do.
                    CompletableFuture<Object> sending = PipeTesting.call("sender", () -> {
                        for (Object v : sent) {
                            mine.send(v);
                        }
                        mine.send(mutable);
                        mutable.add("changed after send");
                        return null;
                    });
                    try {
                        List<Object> back = new ArrayList<>();
                        for (int i = 0; i < sent.size(); i++) {
                            back.add(mine.recv());
                        }
                        assertEquals(sent, back);
                        Object list = mine.recv();
                        sending.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
                        assertEquals(sent, list, "a list changed after send comes back as it was sent");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
