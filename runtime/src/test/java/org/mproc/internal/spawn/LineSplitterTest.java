package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** G-PROC-4 at the unit level: lines come out whole and in order, however the bytes were chunked. */
@Tag("G-PROC-4")
class LineSplitterTest {

    private static List<String> split(byte[] bytes, int chunk) {
        List<String> out = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(out::add);
        for (int i = 0; i < bytes.length; i += chunk) {
            int n = Math.min(chunk, bytes.length - i);
            byte[] piece = new byte[n];
            System.arraycopy(bytes, i, piece, 0, n);
            splitter.feed(piece, n);
        }
        splitter.finish();
        return out;
    }

    @Test
    void anyChunkingYieldsTheSameWholeLines() {
        qt().withExamples(300)
                .forAll(lists().of(strings().allPossible().ofLengthBetween(0, 30)).ofSizeBetween(0, 20),
                        integers().between(1, 64))
                .checkAssert((raw, chunk) -> {
                    List<String> lines = new ArrayList<>();
                    for (String s : raw) {
                        lines.add(s.replace("\n", "").replace("\r", "").replace("\ud800", "")
                                .replace("\udc00", ""));
                    }
                    StringBuilder text = new StringBuilder();
                    lines.forEach(l -> text.append(l).append('\n'));
                    byte[] bytes = text.toString().getBytes(Charset.defaultCharset());
                    assertEquals(split(bytes, bytes.length == 0 ? 1 : bytes.length), split(bytes, chunk));
                    assertEquals(lines.size(), split(bytes, chunk).size());
                });
    }

    @Test
    void carriageReturnsStayInsideALineAndBeforeTheNewlineAreDropped() {
        assertEquals(List.of("10%\r20%\r30%", "done"), split("10%\r20%\r30%\ndone\r\n".getBytes(), 3));
    }

    @Test
    void aLastLineWithoutNewlineIsDelivered() {
        assertEquals(List.of("a", "tail"), split("a\ntail".getBytes(), 2));
    }

    @Test
    void anEndlessLineIsDeliveredInBoundedPieces() {
        byte[] bytes = new byte[LineSplitter.MAX_LINE * 2 + 10];
        java.util.Arrays.fill(bytes, (byte) 'x');
        List<String> pieces = split(bytes, 8192);
        assertEquals(3, pieces.size());
        assertEquals(LineSplitter.MAX_LINE, pieces.get(0).length());
        assertEquals(10, pieces.get(2).length());
    }
}
