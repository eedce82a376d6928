package org.mproc.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's settings file, for members on several machines: the {@link MemberSettings} keys, one
 * per line. It holds the secret, so it is written readable by its owner only, and a file that its
 * group or others may read is refused.
 *
 * <pre>{@code
 * ConfigFile.create(Path.of("cluster.conf"), "10.0.0.5", 5701);   // a fresh secret, mode 600
 * }</pre>
 */
public final class ConfigFile {
    private static final Set<PosixFilePermission> OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private ConfigFile() {}

    /** The file's lines, once its permissions are checked. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cluster config " + file + " does not exist or is not a file");
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            open.retainAll(OPEN);
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("cluster config " + file + " holds the cluster's secret but its group or others may "
                        + open + " it: chmod 600 " + file);
            }
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /**
     * Writes a new settings file with a fresh 256-bit secret, readable by its owner only.
     *
     * @param clusterName the cluster's name
     * @param host        the address members bind and look for each other on
     * @param basePort    the first port of the range (16 ports)
     * @throws IllegalArgumentException when the file exists
     */
    public static void create(Path file, String clusterName, String host, int basePort) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException("cluster config " + file + " exists; not overwritten");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        MemberSettings settings = new MemberSettings(clusterName, host, basePort, 16, 5, secret, "member");
        Files.createFile(file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        Files.writeString(file, "# mproc cluster settings: every member and the caller use this file; it holds the secret\n"
                + settings.lines(), StandardCharsets.UTF_8);
    }
}
