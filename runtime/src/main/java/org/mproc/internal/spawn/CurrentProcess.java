package org.mproc.internal.spawn;

/**
 * What this JVM is in the process tree, as its entry point learned it: the root until a child's
 * entry point says otherwise, before any user code runs.
 */
public final class CurrentProcess {
    /** CPython's name for the root process. */
    public static final String ROOT_NAME = "MainProcess";

    private static volatile String name = ROOT_NAME;
    /** The pid of the process that started this one, read when it started; −1 in the root. */
    private static volatile long parentPid = -1;

    private CurrentProcess() {}

    /** This JVM is a child named {@code childName}, started by {@code startedBy}: for entry points only. */
    public static void becomeChild(String childName, long startedBy) {
        name = childName;
        parentPid = startedBy;
    }

    public static String name() {
        return name;
    }

    /** The pid of the process that started this one, or −1 in the root (or when it could not be read). */
    public static long parentPid() {
        return parentPid;
    }
}
