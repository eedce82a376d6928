package org.mproc.cluster.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code scripts/cluster-member --new-config FILE --host ADDRESS [--port N]}: writes a cluster's
 * settings file with a fresh secret, readable by its owner only ({@link ConfigFile#create}).
 */
public final class NewConfigMain {
    private NewConfigMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !args[1].equals("--host") || (args.length != 3 && (args.length != 5 || !args[3].equals("--port")))) {
            System.err.println("usage: scripts/cluster-member --new-config FILE --host ADDRESS [--port N]");
            System.exit(2);
        }
        int port = 5701;
        if (args.length == 5) {
            try {
                port = Integer.parseInt(args[4]);
            } catch (NumberFormatException e) {
                System.err.println("error: --port " + args[4] + " is not a number");
                System.exit(2);
            }
        }
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        try {
            ConfigFile.create(Path.of(args[0]), "mproc-" + HexFormat.of().formatHex(id), args[2], port);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.out.println("wrote " + args[0] + " (mode 600; it holds the cluster's secret): copy it to every machine,"
                + " then run scripts/cluster-member " + args[0] + " on each");
    }
}
