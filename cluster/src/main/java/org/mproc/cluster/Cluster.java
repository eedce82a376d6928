package org.mproc.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.mproc.cluster.internal.ConfigFile;
import org.mproc.cluster.internal.HazelcastSetup;
import org.mproc.cluster.internal.MemberMain;
import org.mproc.cluster.internal.MemberProcess;
import org.mproc.cluster.internal.MemberSecret;
import org.mproc.cluster.internal.MemberSettings;
import org.mproc.internal.spawn.ChildClassPath;

/**
 * A Hazelcast cluster of member JVMs this process started (G-CLUSTER-1): its own name and a fresh
 * 256-bit secret, bound to loopback, with this JVM as a lite member (it holds no data and runs no
 * task) and N data members that run the tasks. {@link #close} stops every member and waits until
 * each JVM has exited; a member whose parent dies stops on its own (its stdin closes).
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.local(3); ClusterPool pool = cluster.pool()) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9], computed in the members
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String NAMESPACES = "namespace-";
    private static final String VALUES = "value-";

    private final MemberSettings settings;
    /** The secret's id, as its members carry it ({@link HazelcastSetup#SECRET_ID_ATTRIBUTE}). */
    private final String secretId;
    private final HazelcastInstance self;
    /** Every member JVM this process started, in order, ended ones included; read by pools' threads. */
    private final List<MemberProcess> members = new CopyOnWriteArrayList<>();
    private final List<String> memberCommand;
    private final Duration startTimeout;
    private final Path logs;
    private final List<ClusterPool> pools = new ArrayList<>();
    private boolean closed;

    private Cluster(MemberSettings settings, HazelcastInstance self, List<String> memberCommand, Duration startTimeout, Path logs) {
        this.settings = settings;
        this.secretId = HazelcastSetup.secretId(settings.secret());
        this.self = self;
        this.memberCommand = List.copyOf(memberCommand);
        this.startTimeout = startTimeout;
        this.logs = logs;
    }

    /** A loopback cluster of {@code members} member JVMs with the defaults of {@link #builder()}. */
    public static Cluster local(int members) throws InterruptedException {
        return builder().members(members).start();
    }

    /** Settings for a local cluster: three members, loopback, a 5 s heartbeat bound. */
    public static Builder builder() {
        return new Builder();
    }

    /** A pool whose tasks run in this cluster's data members; closed with the cluster. */
    public synchronized ClusterPool pool() {
        if (closed) {
            throw new IllegalStateException("the cluster " + settings.clusterName() + " is closed");
        }
        ClusterPool pool = new ClusterPool(this);
        pools.add(pool);
        return pool;
    }

    /**
     * The queue {@code name} of this cluster (G-CLUSTER-6), created on first use; the same name
     * gives the same queue, also in the tasks the handle is sent to.
     */
    public <E> ClusterQueue<E> queue(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a queue needs a name");
        }
        return new ClusterQueue<>(settings.clusterName(), name);
    }

    /**
     * The dict {@code name} of this cluster (G-CLUSTER-7), created on first use; the same name gives
     * the same dict, also in the tasks the handle is sent to.
     */
    public <K, V> ClusterDict<K, V> dict(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dict needs a name");
        }
        return new ClusterDict<>(settings.clusterName(), name);
    }

    /**
     * The lock {@code name} of this cluster (G-CLUSTER-8), with the local manager's lock contract;
     * the same name gives the same lock, also in the tasks the handle is sent to.
     */
    public org.mproc.SharedLock lock(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a lock needs a name");
        }
        return new ClusterLock(settings.clusterName(), name);
    }

    /**
     * The namespace {@code name} of this cluster (G-CLUSTER-9), with the local manager's
     * {@code Namespace} contract; the same name gives the same namespace, also in tasks.
     */
    public org.mproc.Namespace namespace(String name) {
        return new ClusterNamespace(dict(NAMESPACES + name));
    }

    /**
     * The value {@code name} of this cluster (G-CLUSTER-9), with the local manager's
     * {@code SharedValue} contract, set to {@code initial} unless it exists already.
     */
    public <T> org.mproc.SharedValue<T> value(String name, T initial) {
        ClusterDict<String, ClusterNamespace.Slot> slots = dict(VALUES + name);
        slots.compute("value", (k, old) -> old != null ? old : new ClusterNamespace.Slot(initial));
        return new ClusterValue<>(new ClusterNamespace(slots));
    }

    /** The cluster's name. */
    public String name() {
        return settings.clusterName();
    }

    /** The member JVMs' pids, in the order they were started. */
    public List<Long> memberPids() {
        return members.stream().map(MemberProcess::pid).toList();
    }

    HazelcastInstance hazelcast() {
        return self;
    }

    /**
     * Starts one more member JVM, as {@link Builder#start} starts them (same command, settings and
     * port range; named {@code member-<k>} for the k-th started), and waits until the cluster counts
     * it among its data members; returns its pid. For tests that replace a member they killed, so a
     * cluster keeps its size: {@link #close} stops it with the others, and reaps those that ended.
     * It first waits, up to twice the heartbeat bound, until Hazelcast no longer lists a member whose
     * JVM has ended: the new member may bind the port a killed one had, and a join from the address of
     * a member still listed takes Hazelcast's path for a restarted member, which races with the repair
     * of the partition table.
     *
     * @throws IllegalStateException when the cluster is closed, or the member could not start or join in time
     */
    synchronized long startMember() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the cluster " + settings.clusterName() + " is closed");
        }
        awaitEndedMembersRemoved(Duration.ofSeconds(2L * settings.heartbeatSeconds()));
        MemberProcess added;
        try {
            added = startMemberProcess(members.size() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a member JVM: " + e.getMessage(), e);
        }
        added.awaitReady(startTimeout);
        String pid = String.valueOf(added.pid());
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (dataMembers().stream().noneMatch(m -> pid.equals(m.getAttribute(HazelcastSetup.PID_ATTRIBUTE)))) {
            if (!added.process().isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("member " + added.name() + " (pid " + pid + ") of cluster " + settings.clusterName()
                        + " did not join within " + startTimeout.toSeconds() + " s" + (added.process().isAlive() ? "" : ": it exited"));
            }
            Thread.sleep(20);
        }
        return added.pid();
    }

    /** Waits until Hazelcast lists no member whose JVM this process started and has seen end, or {@code bound} has passed. */
    private void awaitEndedMembersRemoved(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (self.getCluster().getMembers().stream().anyMatch(this::isDead) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Starts the member JVM {@code member-<number>} and adds it to {@link #members}; does not wait for it. */
    private MemberProcess startMemberProcess(int number) throws IOException {
        MemberProcess m = MemberProcess.start(memberCommand, new MemberSettings(settings.clusterName(), settings.host(),
                settings.basePort(), settings.portCount(), settings.heartbeatSeconds(), settings.secret(), "member-" + number), logs);
        members.add(m);
        return m;
    }

    byte[] secret() {
        return settings.secret();
    }

    /** The temporary directory of the member JVMs' logs, deleted by {@link #close()}. */
    Path logDirectory() {
        return logs;
    }

    /**
     * The data members now in the cluster, in the cluster's order, less those whose JVM this
     * process started and has seen end (the cluster takes a while longer to declare them gone).
     */
    List<Member> dataMembers() {
        return self.getCluster().getMembers().stream().filter(m -> !m.isLiteMember() && !isDead(m) && ours(m)).toList();
    }

    /** Whether {@code member} holds this cluster's secret (as its secret id says). */
    private boolean ours(Member member) {
        return secretId.equals(member.getAttribute(HazelcastSetup.SECRET_ID_ATTRIBUTE));
    }

    /** The members under this cluster's name that hold another secret (or none of mproc's). */
    List<Member> strangers() {
        return self.getCluster().getMembers().stream().filter(m -> !ours(m)).toList();
    }

    /** Whether {@code member} is a JVM this process started that has ended. */
    boolean isDead(Member member) {
        String pid = member.getAttribute(HazelcastSetup.PID_ATTRIBUTE);
        return pid != null && memberWithPid(Long.parseLong(pid)).map(m -> !m.process().isAlive()).orElse(false);
    }

    /** The member JVM this library started with {@code pid}, if any. */
    Optional<MemberProcess> memberWithPid(long pid) {
        return members.stream().filter(m -> m.pid() == pid).findFirst();
    }

    /**
     * Stops the pools, then every member JVM (waiting until each has exited; an interrupt turns the
     * wait into kills by pid, and the interrupt is kept), then this JVM's member.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ClusterPool pool : pools) {
            pool.terminate();
        }
        for (MemberProcess m : members) {
            m.requestStop(); // all leave at once rather than one after another
        }
        boolean interrupted = false;
        for (MemberProcess m : members) {
            try {
                m.stop(interrupted ? Duration.ZERO : STOP_GRACE);
            } catch (InterruptedException e) {
                interrupted = true;
                m.process().destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        self.getLifecycleService().terminate();
        MemberSecret.forget(settings.clusterName());
        deleteLogs(logs);
    }

    private static void deleteLogs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a member that failed leaves its log for reading
        }
    }

    /** How a local cluster is made. */
    public static final class Builder {
        private int members = 3;
        private String host = "127.0.0.1";
        private boolean anyInterface;
        private int basePort;
        private Duration heartbeat = Duration.ofSeconds(5);
        private Duration startTimeout = Duration.ofSeconds(90);
        private List<String> memberJvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC");
        private List<Path> classPath;
        private Path config;
        private int awaitMembers = -1;

        private Builder() {}

        /** How many member JVMs to start here: 1 or more, or 0 with a {@link #config} whose members run elsewhere. */
        public Builder members(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("the member count must be 0 or more, got " + count);
            }
            this.members = count;
            return this;
        }

        /**
         * Joins the cluster a settings file describes (written by {@code scripts/cluster-member
         * --new-config}; readable by its owner only): its name, address, ports, heartbeat bound and
         * secret, shared with members started on other machines by {@code scripts/cluster-member}.
         * {@link #close} stops only the members this process started.
         */
        public Builder config(Path file) {
            this.config = Objects.requireNonNull(file, "file");
            return this;
        }

        /** How many data members to wait for in all, those started here included; by default the ones started here. */
        public Builder awaitMembers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a pool needs at least 1 data member to wait for, got " + count);
            }
            this.awaitMembers = count;
            return this;
        }

        /**
         * The address members bind; loopback by default. A non-loopback address is refused unless
         * {@link #allowNonLoopback()} was called: Hazelcast Community has no member authentication
         * or TLS, so anything that reaches the port can join (mproc's envelopes keep it from doing anything).
         */
        public Builder host(String address) {
            this.host = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Lets {@link #host} name an address other machines can reach. */
        public Builder allowNonLoopback() {
            this.anyInterface = true;
            return this;
        }

        /** The first port of the members' range; 0 (the default) picks one at random. */
        public Builder basePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not within 0–65535");
            }
            this.basePort = port;
            return this;
        }

        /** How long a member may go without a heartbeat before it is declared dead (at least 1 s). */
        public Builder heartbeat(Duration bound) {
            if (bound.toSeconds() < 1) {
                throw new IllegalArgumentException("the heartbeat bound must be at least 1 s, got " + bound);
            }
            this.heartbeat = bound;
            return this;
        }

        /** The member JVMs' options; {@code -Xmx256m -XX:+UseSerialGC} by default. */
        public Builder memberJvmOptions(List<String> options) {
            this.memberJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * The member JVMs' class path; by default the one read off the caller's class loaders (as
         * for children). Every class a task uses must be on it: a member that cannot load one fails
         * the call naming the class and the member.
         */
        public Builder classPath(List<Path> entries) {
            this.classPath = List.copyOf(entries);
            return this;
        }

        /** How long to wait for every member to join. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts this JVM's lite member, then the member JVMs, and waits until all have joined.
         *
         * @throws IllegalArgumentException when the host is not loopback and that was not allowed
         * @throws IllegalStateException    naming the member that could not start or join, and why
         */
        public Cluster start() throws InterruptedException {
            MemberSettings self;
            if (config != null) {
                MemberSettings file;
                try {
                    file = MemberSettings.parse(ConfigFile.read(config), config.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read cluster config " + config + ": " + e.getMessage(), e);
                }
                host = file.host();
                self = new MemberSettings(file.clusterName(), file.host(), file.basePort(), file.portCount(),
                        file.heartbeatSeconds(), file.secret(), "caller");
            } else {
                if (members < 1) {
                    throw new IllegalArgumentException("a local cluster needs at least 1 member, got " + members);
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                String clusterName = "mproc-" + HexFormat.of().formatHex(fresh, 0, 4) + "-" + ProcessHandle.current().pid();
                int base = basePort != 0 ? basePort : 20000 + new SecureRandom().nextInt(40000);
                self = new MemberSettings(clusterName, host, base, members + 8, (int) Math.max(1, heartbeat.toSeconds()), fresh, "caller");
            }
            checkHost();
            int expected = awaitMembers > 0 ? awaitMembers : members;
            if (expected < members) {
                throw new IllegalArgumentException("awaitMembers(" + awaitMembers + ") is fewer than the " + members + " members started here");
            }
            String name = self.clusterName();
            byte[] secret = self.secret();
            int base = self.basePort();
            MemberSecret.register(name, secret);
            HazelcastInstance lite;
            try {
                lite = Hazelcast.newHazelcastInstance(HazelcastSetup.config(self, true));
            } catch (RuntimeException e) {
                MemberSecret.forget(name);
                throw new IllegalStateException("this JVM's member of " + name + " could not start on " + host + ":" + base
                        + ": " + e.getMessage(), e);
            }
            Path logs;
            try {
                logs = Files.createTempDirectory(name + "-");
            } catch (IOException e) {
                lite.getLifecycleService().terminate();
                throw new UncheckedIOException(e);
            }
            Cluster cluster;
            try {
                cluster = new Cluster(self, lite, memberCommand(), startTimeout, logs);
            } catch (RuntimeException e) {
                lite.getLifecycleService().terminate();
                MemberSecret.forget(name);
                deleteLogs(logs);
                throw e;
            }
            try {
                for (int i = 1; i <= members; i++) {
                    cluster.startMemberProcess(i);
                }
                for (MemberProcess m : cluster.members) {
                    m.awaitReady(startTimeout);
                }
                long deadline = System.nanoTime() + startTimeout.toNanos();
                while (cluster.dataMembers().size() < expected) {
                    if (!cluster.strangers().isEmpty()) {
                        throw new IllegalStateException("cluster name " + name + " is in use on " + host + " by members of another secret: "
                                + cluster.strangers().stream().map(m -> m.getAddress().toString()).toList()
                                + "; give this cluster another name or other ports");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("cluster " + name + " has " + cluster.dataMembers().size() + " data members of "
                                + expected + " after " + startTimeout.toSeconds() + " s (on " + host + ", ports " + base + "–"
                                + (base + self.portCount() - 1) + ")");
                    }
                    Thread.sleep(20);
                }
                if (!cluster.strangers().isEmpty()) {
                    throw new IllegalStateException("cluster name " + name + " is in use on " + host + " by members of another secret: "
                            + cluster.strangers().stream().map(m -> m.getAddress().toString()).toList()
                            + "; give this cluster another name or other ports");
                }
                return cluster;
            } catch (IOException e) {
                cluster.close();
                throw new UncheckedIOException("cannot start a member JVM: " + e.getMessage(), e);
            } catch (RuntimeException | InterruptedException e) {
                cluster.close();
                throw e;
            }
        }

        /** The command that runs a member JVM: this JVM's {@code java}, the members' class path and options, {@link MemberMain}. */
        private List<String> memberCommand() {
            String memberClassPath = ChildClassPath.resolve(classPath, "a cluster member", ChildClassPath.caller(),
                    MemberMain.class, HazelcastInstance.class).value();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.add("-cp");
            command.add(memberClassPath);
            command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
            command.addAll(HazelcastSetup.MEMBER_JVM_ACCESS);
            command.addAll(memberJvmOptions);
            command.add(MemberMain.class.getName());
            return command;
        }

        private void checkHost() {
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("host " + host + " does not resolve", e);
            }
            if (!address.isLoopbackAddress() && !anyInterface) {
                throw new IllegalArgumentException("host " + host + " is not a loopback address: members there can be reached"
                        + " from other machines, and Hazelcast Community authenticates no member; call allowNonLoopback() to mean it");
            }
        }
    }
}
