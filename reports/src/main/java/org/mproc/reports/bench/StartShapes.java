package org.mproc.reports.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.ResultIterator;

/**
 * The start-up part of the user-shapes suite: what a user's short program pays before its first
 * child or pool answers, one sample per JVM. Each run is a fresh parent JVM that has never started
 * a child, so it pays what a {@code main} pays — mproc's classes loaded and linked, its first
 * lambdas spun, the parent side of the handshake still cold — which a JMH fork that has already
 * started children no longer shows. {@code scripts/bench-start-shapes} runs it many times,
 * alternating with CPython's twin ({@code scripts/cpython/start_shapes.py}, spawn start method),
 * and measures each parent's whole run from outside.
 *
 * <pre>
 *   java -cp app.jar:mproc-runtime.jar org.mproc.reports.bench.StartShapes child
 *   {"program":"child","firstChild":258.405,"steadyChild":140.399,"steadyChildren":[124.342,112.800,140.399,
 *    154.400,143.075],"jvm":"/usr/lib/jvm/java-17-openjdk-amd64/bin/java","jdkVersion":"17.0.15",…,"childJvmOptions":""}
 *   java -cp app.jar:mproc-runtime.jar org.mproc.reports.bench.StartShapes pool
 *   {"program":"pool","poolFirstResult":314.138,"poolAllResults":315.675,"poolClose":328.011,"jvm":…}
 * </pre>
 *
 * Milliseconds, all measured from {@code main}'s first line, except the steady children:
 * <ul>
 * <li>{@code child [n]}: {@code firstChild}, {@code new ChildProcess(name, noOp)}, {@code start()},
 *     {@code join()} — the first child this JVM ever starts; then {@code steadyChild}, the median of
 *     {@code n} (default {@value #STEADY}) more children started and joined one after another, each
 *     timed from its {@code new} to its {@code join()}.</li>
 * <li>{@code pool [workers]}: {@code new Pool(workers)} (default 2), {@code imap} of the no-op over
 *     two items; {@code poolFirstResult} when the first result is in hand, {@code poolAllResults}
 *     when the second is (where {@code map} would return), {@code poolClose} when {@code close()}
 *     has returned: the workers have exited, as CPython's {@code close(); join()}.</li>
 * </ul>
 * The JSON is written by hand, after the timing: the class path is what a user's would be (an
 * app jar of this class and {@link NoOpTask}, and the runtime's jar), so a child started with the
 * parent's class path loads nothing a user's child would not. The JVM details go last, read only
 * once every shape is timed.
 */
public final class StartShapes {
    static final int STEADY = 5;

    private StartShapes() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String program = args.length > 0 ? args[0] : "";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        String line;
        if (program.equals("child")) {
            line = children(t0, n < 0 ? STEADY : n);
        } else if (program.equals("pool")) {
            line = pool(t0, n < 0 ? 2 : n);
        } else {
            System.err.println("usage: StartShapes child [steady children, default " + STEADY + "]"
                    + " | pool [workers, default 2]");
            System.exit(2);
            return;
        }
        System.out.println(line);
    }

    private static String children(long t0, int steady) throws InterruptedException {
        startAndJoin("first");
        double first = millisSince(t0);
        double[] more = new double[steady];
        for (int i = 0; i < steady; i++) {
            long t = System.nanoTime();
            startAndJoin("steady"); // a constant name: a concatenation would bootstrap indy in the timing
            more[i] = millisSince(t);
        }
        StringBuilder json = new StringBuilder("{\"program\":\"child\",\"firstChild\":").append(ms(first));
        if (steady > 0) {
            json.append(",\"steadyChild\":").append(ms(median(more))).append(",\"steadyChildren\":[");
            for (int i = 0; i < steady; i++) {
                json.append(i == 0 ? "" : ",").append(ms(more[i]));
            }
            json.append(']');
        }
        return json.append(vm()).append('}').toString();
    }

    private static void startAndJoin(String name) throws InterruptedException {
        ChildProcess child = new ChildProcess(name, NoOpTask.target());
        child.start();
        child.join();
        int exit = child.exitCode().getAsInt();
        if (exit != 0) {
            throw new IllegalStateException("the no-op child " + name + " exited with " + exit);
        }
    }

    private static String pool(long t0, int workers) {
        double first;
        double all;
        try (Pool pool = new Pool(workers)) {
            ResultIterator<Integer> results = pool.imap(NoOpTask.identity(), List.of(0, 1));
            check(results.next(), 0);
            first = millisSince(t0);
            check(results.next(), 1);
            all = millisSince(t0);
            if (results.hasNext()) {
                throw new IllegalStateException("imap over two items gave more than two results");
            }
        }
        double closed = millisSince(t0);
        return "{\"program\":\"pool\",\"poolFirstResult\":" + ms(first) + ",\"poolAllResults\":" + ms(all)
                + ",\"poolClose\":" + ms(closed) + vm() + "}";
    }

    private static void check(Integer result, int expected) {
        if (result == null || result != expected) {
            throw new IllegalStateException("the no-op item " + expected + " came back as " + result);
        }
    }

    /** Which JVM ran this, for the JMH-shaped file; read after the timing. */
    private static String vm() {
        return ",\"jvm\":\"" + System.getProperty("java.home").replace("\\", "\\\\") + "/bin/java\",\"jdkVersion\":\""
                + System.getProperty("java.version") + "\",\"vmName\":\""
                + System.getProperty("java.vm.name") + "\",\"vmVersion\":\"" + System.getProperty("java.vm.version")
                + "\",\"childJvmOptions\":\"" + System.getProperty("mproc.childJvmOptions", "").replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"";
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
