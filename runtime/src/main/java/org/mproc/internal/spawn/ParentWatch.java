package org.mproc.internal.spawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ends a pool worker whose parent died while it runs a long chunk: the worker's main thread reads
 * the parent's socket only between chunks. The kernel gives an orphan a new parent, so a changed
 * parent pid means the pool is gone. It polls rather than blocks because a thread blocked in a
 * native call delays a {@code Runtime.halt} of the worker by ~300 ms (see the pool worker's loop).
 */
public final class ParentWatch extends Thread {
    /** How often the parent pid is read: well inside G-PROC-7's 2 s, and cheap. */
    private static final long PERIOD_MS = 200;
    private static final Path STAT = Path.of("/proc/self/stat");

    private final long parentPid;

    private ParentWatch(long parentPid) {
        super("mproc-parent-watch");
        this.parentPid = parentPid;
        setDaemon(true);
    }

    public static void begin() {
        long pid = parentPid();
        if (pid > 0) {
            new ParentWatch(pid).start();
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                Thread.sleep(PERIOD_MS);
                if (parentPid() != parentPid) {
                    Runtime.getRuntime().halt(1);
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; if someone does, the socket still tells between chunks.
        }
    }

    /**
     * The fourth field of {@code /proc/self/stat}; the second (the command) is in parentheses and
     * may itself hold spaces or parentheses, so fields are counted after the last ')'. Returns -1
     * if it cannot be read.
     */
    static long parentPid() {
        try {
            String stat = new String(Files.readAllBytes(STAT), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
