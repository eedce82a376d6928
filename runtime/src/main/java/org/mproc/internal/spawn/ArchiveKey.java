package org.mproc.internal.spawn;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The name of the class-data archive that fits one child command line (G-PROC-13): a 64-bit hash
 * of everything the JVM checks before it maps an archive, so that an archive is only ever offered
 * to children it was made for.
 *
 * <pre>
 *   java.home, java.vm.version      the JVM that wrote it: another refuses it
 *   the whole command line          binary, -cp, every option, the entry point (heap and GC options
 *                                   change what may be mapped; a different entry point loads other classes)
 *   JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS   options the child inherits without seeing them on its command line
 *   path, size, mtime of every jar  the JVM refuses an archive whose jars changed since it was written
 *   on the class path, manifest Class-Path followed
 * </pre>
 *
 * A changed jar therefore gives a new name (and a new archive) instead of a stale one the JVM
 * would refuse, possibly aloud, at every start. There is no key for a class path holding anything
 * but jars: a dynamic archive on JDK 17 cannot hold classes loaded from directories (Maven's
 * {@code target/classes}), and the JVM refuses to write one when a non-empty directory is on the path.
 */
final class ArchiveKey {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ArchiveKey() {}

    /**
     * The key of {@code command} ({@code java -cp <path> <options…> <main>}), or null when its class
     * path is not all jars that exist.
     */
    static String of(List<String> command, String javaToolOptions, String jdkJavaOptions) {
        int cp = command.indexOf("-cp");
        if (cp < 0 || cp + 1 >= command.size()) {
            return null;
        }
        StringBuilder key = new StringBuilder(1024)
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String word : command) {
            key.append(word).append('\0');
        }
        key.append('\n').append(javaToolOptions).append('\n').append(jdkJavaOptions).append('\n');
        for (Path entry : ChildClassPath.expandedEntries(command.get(cp + 1))) {
            File jar = entry.toFile();
            if (!jar.isFile()) {
                return null; // a directory or a missing entry: no archive
            }
            key.append(entry).append('\0').append(jar.length()).append('\0').append(jar.lastModified()).append('\n');
        }
        return hash(key);
    }

    /** FNV-1a, 64 bits, as 16 hex digits: no {@code MessageDigest}, whose providers cost a cold parent. */
    static String hash(CharSequence text) {
        long h = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        String hex = Long.toHexString(h); // not String.format: its Formatter compiles a regular expression
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
