package org.mproc.cluster.internal;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member JVM is told when it starts, as {@code key=value} lines (on its stdin from the
 * library, or in a member's config file): the cluster's name, the address it binds, the ports
 * members use, the heartbeat bound and the secret every payload is sealed with. An unknown key, a
 * missing one or a bad value is refused naming the key and where it came from.
 *
 * @param clusterName      the cluster's name; members of other names do not join
 * @param host             the address to bind and to look for members on
 * @param basePort         the first port of the members' range
 * @param portCount        how many ports the range has
 * @param heartbeatSeconds after how long without a heartbeat a member is declared dead
 * @param secret           the HMAC key, at least 32 bytes
 * @param name             the member's name, for messages
 */
public record MemberSettings(String clusterName, String host, int basePort, int portCount, int heartbeatSeconds,
                             byte[] secret, String name) {
    /** The keys, in the order {@link #lines} writes them. */
    public static final List<String> KEYS = List.of("clusterName", "host", "basePort", "portCount", "heartbeatSeconds",
            "secret", "name");

    /** Checks ranges. */
    public MemberSettings {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName is empty");
        }
        if (basePort < 1 || basePort > 65535 || portCount < 1 || basePort + portCount - 1 > 65535) {
            throw new IllegalArgumentException("ports " + basePort + "+" + portCount + " are not within 1–65535");
        }
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("heartbeatSeconds must be at least 1, got " + heartbeatSeconds);
        }
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the secret must be at least 32 bytes");
        }
    }

    /** These settings as the lines {@link #parse} reads. */
    public String lines() {
        return "clusterName=" + clusterName + "\nhost=" + host + "\nbasePort=" + basePort + "\nportCount=" + portCount
                + "\nheartbeatSeconds=" + heartbeatSeconds + "\nsecret=" + Base64.getEncoder().encodeToString(secret)
                + "\nname=" + name + "\n";
    }

    /**
     * Reads {@code key=value} lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @param source where the lines came from, for messages
     * @throws IllegalArgumentException naming the unknown, repeated, missing or bad key
     */
    public static MemberSettings parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + ": line '" + line + "' is not key=value");
            }
            String key = line.substring(0, eq).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(source + ": key '" + key + "' is given twice");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(source + ": key '" + key + "' is missing");
            }
        }
        try {
            return new MemberSettings(values.get("clusterName"), values.get("host"), number(values, "basePort", source),
                    number(values, "portCount", source), number(values, "heartbeatSeconds", source),
                    Base64.getDecoder().decode(values.get("secret")), values.get("name"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static int number(Map<String, String> values, String key, String source) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " '" + values.get(key) + "' is not a number", e);
        }
    }
}
