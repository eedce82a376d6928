package org.mproc.internal.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessFunction;

/**
 * A function is encoded once per call (G-POOL-7) unless nothing in it can change: a lambda or
 * method reference that captures nothing keeps its encoding; one that captures state is encoded
 * anew, so what it captured is read at each call.
 */
@Tag("G-POOL-7")
class FunctionBytesTest {
    static int square(int x) {
        return x * x;
    }

    @Test
    @SuppressWarnings("serial") // the lambda's target is this test's own method
    void aFunctionCapturingNothingKeepsItsEncoding() {
        ProcessFunction<Integer, Integer> f = FunctionBytesTest::square;
        byte[] first = FunctionBytes.of(f);
        assertSame(first, FunctionBytes.of(f));
        assertArrayEquals(first, FunctionBytes.of((ProcessFunction<Integer, Integer>) FunctionBytesTest::square),
                "another call site's class encodes to the same bytes");
        assertArrayEquals(PoolCalls.encode(f, "f"), first);
    }

    @Test
    void aFunctionCapturingStateIsEncodedAtEachCallWithWhatItHoldsThen() {
        ArrayList<Integer> captured = new ArrayList<>(List.of(1));
        ProcessFunction<Integer, Integer> f = x -> x + captured.size();
        byte[] before = FunctionBytes.of(f);
        captured.add(2);
        byte[] after = FunctionBytes.of(f);
        assertNotSame(before, after);
        assertFalse(Arrays.equals(before, after), "the list it captured changed, so must its encoding");
    }

    @Test
    void byteIdenticalFunctionsShareAnIdWhicheverArrayHoldsThem() {
        FunctionIds ids = new FunctionIds();
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        long idA = ids.idOf(a);
        assertEquals(idA, ids.idOf(a));
        assertEquals(idA, ids.idOf(a.clone()));
        long idB = ids.idOf(b);
        assertNotEquals(idA, idB);
        assertEquals(idA, ids.idOf(new byte[] {1, 2, 3}));
        assertEquals(idB, ids.idOf(b));
    }
}
