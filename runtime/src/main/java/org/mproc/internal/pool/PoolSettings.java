package org.mproc.internal.pool;

import java.util.List;
import org.mproc.internal.spawn.ChildClassPath;

/**
 * What a pool is made of: its size, the encoded initializer (empty for none), 0 for no task limit,
 * the workers' JVM options and class path.
 */
public record PoolSettings(int processes, byte[] initializer, int maxTasksPerChild, List<String> jvmOptions,
                           ChildClassPath classPath) {}
