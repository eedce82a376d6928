package org.mproc.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shaded jar's entry point: {@code java -jar mproc-examples.jar <program>} runs one example,
 * and with no argument lists them. Each example is also a class with its own {@code main}, for
 * {@code java -cp} and {@code mvn exec:java}.
 */
public final class Main {
    /** An example's {@code run}: it throws when a check fails, which ends the JVM with status 1. */
    private interface Body {
        void run() throws Exception;
    }

    private record Program(String summary, Body body) {}

    private static final Map<String, Program> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put(WordCount.NAME, new Program("a parallel map over files: word count with Pool.imap", WordCount::run));
        PROGRAMS.put(Pipeline.NAME, new Program("producer and consumer processes over a bounded ProcessQueue", Pipeline::run));
        PROGRAMS.put(Counter.NAME, new Program("a Manager's counter: racy, under a SharedLock, with updateAndGet", Counter::run));
        PROGRAMS.put(Errors.NAME, new Program("TaskFailedException, WorkerDiedException, ChildProcess.failure()", Errors::run));
    }

    private Main() {}

    public static void main(String[] args) throws Exception {
        Program program = args.length == 1 ? PROGRAMS.get(args[0]) : null;
        if (program == null) {
            System.out.println("usage: java -jar mproc-examples.jar <program>, one of:");
            PROGRAMS.forEach((name, p) -> System.out.printf("  %-11s %s%n", name, p.summary()));
            // Listing is what no argument asks for; anything else was a mistake.
            if (args.length > 0) {
                System.exit(2);
            }
            return;
        }
        program.body().run();
    }
}
