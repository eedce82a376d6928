package org.mproc.harness;

/**
 * Hand-made queue histories, one finished call per line, in the order written. An actor is a
 * process name; each has one thread, {@code main}, so that per-thread FIFO is per actor here.
 *
 * <pre>{@code
 * QueueHistory h = new QueueScript().put("p1", 1).take("c1", 1).history();
 * }</pre>
 */
final class QueueScript {
    static final String THREAD = "main";
    private final QueueHistory history;

    QueueScript() {
        this(new QueueHistory());
    }

    /** Appends to {@code history}, which a test may also record into directly. */
    QueueScript(QueueHistory history) {
        this.history = history;
    }

    QueueHistory history() {
        return history;
    }

    QueueScript put(String actor, Object value) {
        history.invokePut(actor, THREAD, value).ok();
        return this;
    }

    QueueScript putFailed(String actor, Object value) {
        history.invokePut(actor, THREAD, value).fail();
        return this;
    }

    QueueScript putUnknown(String actor, Object value) {
        history.invokePut(actor, THREAD, value).info();
        return this;
    }

    QueueScript take(String actor, Object value) {
        history.invokeTake(actor, THREAD).ok(value);
        return this;
    }

    /** A take that surely got nothing, like a poll that timed out. */
    QueueScript takeNothing(String actor) {
        history.invokeTake(actor, THREAD).fail();
        return this;
    }

    QueueScript takeUnknown(String actor) {
        history.invokeTake(actor, THREAD).info();
        return this;
    }

    /** Puts each value in turn, each acknowledged. */
    QueueScript putAll(String actor, Object... values) {
        for (Object v : values) {
            put(actor, v);
        }
        return this;
    }

    /** Takes each value in turn. */
    QueueScript takeAll(String actor, Object... values) {
        for (Object v : values) {
            take(actor, v);
        }
        return this;
    }

    TotalQueueResult check() {
        return TotalQueueChecker.check(history);
    }
}
