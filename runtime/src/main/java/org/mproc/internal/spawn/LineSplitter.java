package org.mproc.internal.spawn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * Cuts a child's output into lines at {@code '\n'} only (a {@code '\r'} inside a line, as progress
 * bars write, stays in it; one before the {@code '\n'} is dropped), in the platform charset both
 * JVMs share. A line longer than {@link #MAX_LINE} bytes is delivered in pieces rather than
 * buffered without bound; a last line without a newline is delivered at the end.
 */
public final class LineSplitter {
    static final int MAX_LINE = 1 << 20;

    private final Consumer<String> sink;
    private final Charset charset = Charset.defaultCharset();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    void feed(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit(true);
                start = i + 1;
            } else if (line.size() + (i - start) >= MAX_LINE) {
                line.write(bytes, start, i - start);
                emit(false);
                start = i;
            }
        }
        line.write(bytes, start, length - start);
    }

    void finish() {
        if (line.size() > 0) {
            emit(false);
        }
    }

    private void emit(boolean newline) {
        byte[] b = line.toByteArray();
        int end = b.length;
        if (newline && end > 0 && b[end - 1] == '\r') {
            end--;
        }
        line.reset();
        sink.accept(new String(b, 0, end, charset));
    }
}
