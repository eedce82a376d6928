package org.mproc.harness;

import java.io.Serializable;

/**
 * One completed or abandoned call on a shared counter, as a checker needs it: an increment by
 * {@code delta} or a read that returned {@code value}, with the {@link System#nanoTime()} at which
 * it was invoked and at which it returned ({@code Long.MAX_VALUE} if it never did: outcome
 * unknown). Serializable, so a child process can send the calls it recorded to the parent; one
 * monotonic clock is shared by the processes of a machine.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * shared.updateAndGet("value", (Integer v) -> v + 1);
 * calls.add(CounterCall.increment("child-3", 1, start, System.nanoTime()));
 * }</pre>
 *
 * @param process who made the call
 * @param read    a read, or else an increment
 * @param amount  the increment's delta, or the value the read returned
 * @param invoked when the call began
 * @param ended   when it returned; {@code Long.MAX_VALUE} when it did not (failed or unknown)
 */
public record CounterCall(String process, boolean read, long amount, long invoked, long ended) implements Serializable {
    public CounterCall {
        if (ended < invoked) {
            throw new IllegalArgumentException("a call cannot end (" + ended + ") before it began (" + invoked + ")");
        }
    }

    public static CounterCall increment(String process, long delta, long invoked, long ended) {
        return new CounterCall(process, false, delta, invoked, ended);
    }

    public static CounterCall read(String process, long value, long invoked, long ended) {
        return new CounterCall(process, true, value, invoked, ended);
    }

    boolean completed() {
        return ended != Long.MAX_VALUE;
    }
}
