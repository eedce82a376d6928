package org.mproc.cluster.internal;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A member JVM of a local cluster: reads its {@link MemberSettings} from stdin (up to a line
 * {@code .}), starts its Hazelcast member, says {@code mproc-member ready <address>} on stdout (or
 * {@code mproc-member failed: <why>} and exits 2), then serves until its stdin closes — the library
 * closed it, or the JVM that started it died — and exits. The secret never appears on its command
 * line or in its environment.
 */
public final class MemberMain {
    /** The first word of the line a member prints once it serves. */
    public static final String READY = "mproc-member ready ";
    /** The first words of the line a member prints when it cannot start. */
    public static final String FAILED = "mproc-member failed: ";

    private MemberMain() {}

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            lines.add(line);
        }
        HazelcastInstance member;
        MemberSettings settings;
        try {
            settings = MemberSettings.parse(lines, "the member's settings on stdin");
            MemberSecret.register(settings.clusterName(), settings.secret());
            member = Hazelcast.newHazelcastInstance(HazelcastSetup.config(settings, false));
        } catch (RuntimeException e) {
            System.out.println(FAILED + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.out.flush();
            System.exit(2);
            return;
        }
        System.out.println(READY + member.getCluster().getLocalMember().getAddress());
        System.out.flush();
        while (in.read() != -1) {
            // nothing is sent after the settings; end of stream is the signal to stop
        }
        member.getLifecycleService().terminate();
        MemberSecret.forget(settings.clusterName());
        System.exit(0);
    }
}
