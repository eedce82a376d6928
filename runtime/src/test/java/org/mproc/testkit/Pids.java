package org.mproc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Whether a process has exited, seen from outside. An orphan that exited stays a zombie until its
 * new parent reaps it, and on this kind of machine init reaps only every second or so;
 * {@link ProcessHandle#isAlive()} counts a zombie as alive, so we read its state from {@code /proc}.
 */
public final class Pids {
    private Pids() {}

    public static boolean hasExited(long pid) {
        Path stat = Paths.get("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // Format: "pid (comm) S ...": the state follows the last ')', since comm may hold spaces.
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
    }
}
