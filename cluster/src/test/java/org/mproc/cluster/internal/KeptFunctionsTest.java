package org.mproc.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessFunction;

/** A member thread decodes a function's bytes once and keeps the {@value KeptFunctions#PER_THREAD} it used last (G-CLUSTER-2). */
class KeptFunctionsTest {
    private static byte[] bytes(ProcessFunction<Integer, Integer> f) throws Exception {
        return Chunks.encodeFunction(f);
    }

    @Test
    @Tag("G-CLUSTER-2")
    void equalBytesGiveTheSameFunctionOnOneThreadAndAnotherOnAnother() throws Exception {
        int offset = 7;
        byte[] first = bytes(x -> x + offset);
        byte[] again = bytes(x -> x + offset);
        ProcessFunction<Object, Object> here = KeptFunctions.of(first);
        assertEquals(8, here.apply(1));
        assertSame(here, KeptFunctions.of(first.clone()), "the same bytes, another array: decoded once");
        assertNotSame(here, KeptFunctions.of(again), "another lambda site encodes other bytes");
        ProcessFunction<Object, Object> there = CompletableFuture.supplyAsync(() -> KeptFunctions.of(first)).get();
        assertNotSame(here, there, "each thread decodes its own");
        assertEquals(8, there.apply(1));
    }

    @Test
    @Tag("G-CLUSTER-2")
    void theLeastRecentlyUsedIsForgottenPastTheBound() throws Exception {
        byte[][] functions = new byte[KeptFunctions.PER_THREAD + 1][];
        for (int i = 0; i < functions.length; i++) {
            int n = i;
            functions[i] = bytes(x -> x * n);
        }
        ProcessFunction<Object, Object> firstDecoded = KeptFunctions.of(functions[0]);
        ProcessFunction<Object, Object> secondDecoded = KeptFunctions.of(functions[1]);
        for (int i = 2; i < functions.length; i++) {
            KeptFunctions.of(functions[i]);
            KeptFunctions.of(functions[1]); // used again and again: kept
        }
        assertSame(secondDecoded, KeptFunctions.of(functions[1]));
        assertNotSame(firstDecoded, KeptFunctions.of(functions[0]), "the 65th function pushed out the one unused longest");
    }
}
