package org.mproc.internal.spawn;

import java.util.OptionalInt;

/**
 * Maps what the operating system reports to CPython's exit codes (G-PROC-1). The JDK reports a
 * child killed by signal N as {@code 128 + N}, which {@code System.exit(128 + N)} also produces; the
 * child's "orderly exit" frame, sent from its shutdown hook, tells the two apart. {@code Runtime.halt}
 * skips the hook, so {@code halt(n)} with n > 128 is reported as signal n − 128.
 */
public final class ExitCodes {
    private static final int SIGNAL_BASE = 128;

    private ExitCodes() {}

    /**
     * @param exitValue       what {@link Process#exitValue()} returned
     * @param orderlyExitSeen whether the child's shutdown hook announced an orderly exit
     * @return the exit code: {@code exitValue} for an orderly exit, {@code −N} for signal N
     */
    public static int map(int exitValue, boolean orderlyExitSeen) {
        if (!orderlyExitSeen && exitValue > SIGNAL_BASE && exitValue < SIGNAL_BASE + 65) {
            return -(exitValue - SIGNAL_BASE);
        }
        return exitValue;
    }

    /** "exit code 3", "killed by SIGKILL (-9)", or "still running". */
    public static String describe(OptionalInt code) {
        if (code.isEmpty()) {
            return "no exit code";
        }
        int c = code.getAsInt();
        return c < 0 ? "killed by " + signalName(-c) + " (" + c + ")" : "exit code " + c;
    }

    static String signalName(int signal) {
        switch (signal) {
            case 1: return "SIGHUP";
            case 2: return "SIGINT";
            case 3: return "SIGQUIT";
            case 6: return "SIGABRT";
            case 9: return "SIGKILL";
            case 11: return "SIGSEGV";
            case 13: return "SIGPIPE";
            case 15: return "SIGTERM";
            default: return "signal " + signal;
        }
    }
}
