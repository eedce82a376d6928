package org.mproc.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mproc.ChildProcess;

/** What a wedged test prints: the threads of this JVM and of the child, via {@code jcmd}. */
public final class ThreadDumps {
    private ThreadDumps() {}

    public static String of(ChildProcess child) {
        StringBuilder text = new StringBuilder("--- threads of the test JVM ---\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            text.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                text.append("    at ").append(frame).append('\n');
            }
        }
        try {
            text.append("--- threads of child ").append(child.pid()).append(" ---\n").append(jcmd(child.pid()));
        } catch (IllegalStateException notStarted) {
            text.append("(child not started)\n");
        }
        return text.toString();
    }

    private static String jcmd(long pid) {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(jcmd failed: " + e + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }
}
