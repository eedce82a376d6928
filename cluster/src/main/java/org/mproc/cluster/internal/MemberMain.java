package org.mproc.cluster.internal;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A member JVM: reads its {@link MemberSettings} from stdin (up to a line {@code .}; a local
 * cluster's members) or from a file ({@code --config FILE}; a member on another machine, started by
 * {@code scripts/cluster-member}), starts its Hazelcast member, says {@code mproc-member ready <address>} on stdout (or
 * {@code mproc-member failed: <why>} and exits 2), then serves until its stdin closes — the library
 * closed it, or the JVM that started it died — or, from a file, until it is stopped. The secret
 * never appears on its command line or in its environment.
 */
public final class MemberMain {
    /** The first word of the line a member prints once it serves. */
    public static final String READY = "mproc-member ready ";
    /** The first words of the line a member prints when it cannot start. */
    public static final String FAILED = "mproc-member failed: ";

    private MemberMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--config")) {
            standalone(Path.of(args[1]));
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: MemberMain [--config FILE]   (settings on stdin up to a line '.', or from FILE)");
            System.exit(2);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            lines.add(line);
        }
        MemberSettings settings;
        HazelcastInstance member;
        try {
            settings = MemberSettings.parse(lines, "the member's settings on stdin");
            member = start(settings);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        while (in.read() != -1) {
            // nothing is sent after the settings; end of stream is the signal to stop
        }
        member.getLifecycleService().terminate();
        MemberSecret.forget(settings.clusterName());
        System.exit(0);
    }

    /**
     * A member on a machine of its own (scripts/cluster-member): its settings from a file that only
     * its owner may read (it holds the secret), serving until it is stopped (SIGTERM or SIGINT).
     */
    private static void standalone(Path config) throws InterruptedException {
        HazelcastInstance member;
        try {
            member = start(MemberSettings.parse(ConfigFile.read(config), config.toString()));
        } catch (RuntimeException | IOException e) {
            fail(e);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> member.getLifecycleService().terminate(), "mproc-member-stop"));
        Thread.currentThread().join();
    }

    private static HazelcastInstance start(MemberSettings settings) {
        MemberSecret.register(settings.clusterName(), settings.secret());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastSetup.config(settings, false));
        System.out.println(READY + member.getCluster().getLocalMember().getAddress());
        System.out.flush();
        return member;
    }

    private static void fail(Exception e) {
        System.out.println(FAILED + e.getClass().getSimpleName() + ": " + e.getMessage());
        System.out.flush();
        System.exit(2);
    }
}
