package org.mproc.internal.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * With {@code -Xrs}, HotSpot opens its attach socket {@code /tmp/.java_pid<pid>} as the child
 * starts, and removes it only on an orderly exit. A child killed by a signal leaves it behind; its
 * parent, which has just reaped it, removes it (HotSpot uses {@code /tmp} whatever
 * {@code java.io.tmpdir} says).
 */
public final class AttachFiles {
    private AttachFiles() {}

    static void removeOf(long reapedPid) {
        // HotSpot binds "<name>.tmp" and renames it: a child killed in between leaves the .tmp.
        for (String name : new String[] {".java_pid" + reapedPid, ".java_pid" + reapedPid + ".tmp"}) {
            Path socket = Paths.get("/tmp", name);
            try {
                Files.deleteIfExists(socket);
            } catch (IOException | SecurityException e) {
                // Not ours to remove after all (another user's process reused the pid): leave it.
            }
        }
    }
}
