/**
 * Python's {@code multiprocessing} model on the JVM, with real child JVMs: CPython's semantics
 * where they are sound, and its known hangs and losses fixed. Every promise below has an ID from
 * the contract, docs/GUARANTEES.md, where each row also says how CPython behaves.
 *
 * <h2>Process — {@link org.mproc.ChildProcess}</h2>
 *
 * <p>A child exits with CPython's codes: 0, 1 for an uncaught exception, n for
 * {@code System.exit(n)}, −N for signal N (G-PROC-1); its lifecycle follows CPython's, with
 * {@link java.lang.IllegalStateException} for misuse (G-PROC-2); its uncaught exception comes back
 * with class, message and stack (G-PROC-3); its output reaches this JVM's streams whole and in
 * order (G-PROC-4). It starts from a fresh JVM and sees copies (G-PROC-5); a target that cannot be
 * serialized fails in {@code start()} (G-PROC-6); no child outlives its parent, not even after a
 * SIGKILL (G-PROC-7); and a child may start children and pools of its own (G-PROC-8).
 * {@link org.mproc.Spares} keeps warm JVMs to start children faster.
 *
 * <p>Signals (G-PROC-11): children run with {@code -Xrs}, so a signal sent to a child ends it at
 * once. SIGTERM, SIGINT or SIGHUP sent to the parent runs its shutdown as {@code System.exit} does:
 * daemon children and pool workers are terminated, non-daemon children are waited for. From then on
 * pool calls in flight or pending, later submissions, {@code new Pool} and {@code start()} fail
 * with {@link org.mproc.JvmShutdownException}, never as a worker's death, and no worker is
 * replaced. A Ctrl-C in a terminal also reaches the children, which end at once; after the
 * parent's SIGKILL they exit within 2 s (G-PROC-7).
 *
 * <h2>Pool — {@link org.mproc.Pool}</h2>
 *
 * <p>{@code map} returns results in input order (G-POOL-1); {@code imap} is lazy and bounded,
 * {@code imapUnordered} yields the same multiset (G-POOL-2); {@code starmap} is {@code map} for
 * a {@link org.mproc.ProcessBiFunction} over {@link org.mproc.Pair}s (G-POOL-13); an {@code imap}
 * input that throws is delivered after every result read before it (G-POOL-14). A task that throws fails its call
 * with {@link org.mproc.TaskFailedException} (G-POOL-3), as soon as it fails (G-POOL-4); a worker
 * that dies fails its call with {@link org.mproc.WorkerDiedException} within 1 s and is replaced,
 * never a hang (G-POOL-5). Unserializable results and exceptions fail only their task
 * (G-POOL-6); unserializable functions and arguments fail in the caller (G-POOL-7). The async
 * forms return {@link java.util.concurrent.CompletableFuture}s completed on pool-owned threads
 * (G-POOL-8); bad configuration fails at once (G-POOL-9); the initializer runs once per worker
 * (G-POOL-10); {@code maxTasksPerChild} is honoured (G-POOL-11); after {@code close()} or
 * {@code terminate()} no submission is accepted and no worker is alive (G-POOL-12).
 *
 * <h2>Queue — {@link org.mproc.ProcessQueue}, {@link org.mproc.JoinableProcessQueue}</h2>
 *
 * <p>Every element put is taken exactly once, in each producer thread's order (G-QUEUE-1);
 * {@code take} and {@code put} block as CPython's do, and timeouts answer {@code null} or
 * {@code false} (G-QUEUE-2); elements arrive as copies (G-QUEUE-3). When {@code put} returns the
 * element is safe from the producer's death, so joining a producer never deadlocks (G-QUEUE-4);
 * an unserializable element fails {@code put} in the caller (G-QUEUE-5). {@code close()} from any
 * process closes the queue for all, and the death of its host fails every call within 1 s
 * (G-QUEUE-6). {@code JoinableProcessQueue.join()} waits for one {@code taskDone()} per element
 * (G-QUEUE-7). {@code null} is a valid element.
 *
 * <h2>Pipe — {@link org.mproc.ProcessPipe}</h2>
 *
 * <p>{@link org.mproc.ProcessPipe#open()} gives two ends; what one sends the other receives, as
 * copies, in order, each direction on its own (G-PIPE-1). {@code poll} waits for a value or the
 * end of the stream (G-PIPE-2); {@code send} waits while 64 KiB are unread (G-PIPE-3). When the
 * other end is closed, or its process or the pipe's host dies, {@code recv} returns what was sent,
 * then throws {@link java.io.EOFException}, within 1 s of a death (G-PIPE-4). An end belongs to
 * the first process that uses it; misuse fails clearly (G-PIPE-5); threads may share an end and
 * an interrupt loses nothing (G-PIPE-6).
 *
 * <h2>Manager — {@link org.mproc.Manager} and its proxies</h2>
 *
 * <p>{@link org.mproc.Namespace}, {@link org.mproc.SharedValue}, {@link org.mproc.SharedMap},
 * {@link org.mproc.SharedList}, queues and {@link org.mproc.SharedLock} live in the manager's
 * server process, and a write through any proxy is visible everywhere once it returns (G-MGR-1).
 * Two calls are not atomic (G-MGR-2); {@code updateAndGet} and the lock are (G-MGR-3). What the
 * shared object throws is rethrown to the caller (G-MGR-4); values returned are copies
 * (G-MGR-5); every connection is authenticated with a mutual HMAC-SHA256 challenge, failing with
 * {@link org.mproc.AuthenticationException} (G-MGR-6); a lock whose holder dies is released
 * (G-MGR-7); after {@code close()} proxy calls fail with {@link org.mproc.ProcessException}
 * (G-MGR-8).
 *
 * <h2>What must be serializable</h2>
 *
 * <p>Everything that crosses a process boundary travels by Java serialization: a child's target,
 * a pool's functions, arguments, results and initializer, queue elements, values sent through a
 * pipe, and the values, keys
 * and functions given to a manager. A lambda is serializable when its target type is
 * ({@link org.mproc.ProcessTask} and {@link org.mproc.ProcessFunction} are), but every value it
 * captures must be {@link java.io.Serializable} too, and it must not capture a non-serializable
 * {@code this}. A lambda that calls a static method, capturing only plain values, queue handles
 * or proxies, is the usual shape:
 *
 * <pre>{@code
 * int offset = 10;
 * try (Pool pool = new Pool(2)) {
 *     pool.map(x -> Math.addExact(x, offset), List.of(1, 2, 3));   // [11, 12, 13]
 * }
 * }</pre>
 *
 * <p>A target, function, argument, initializer, element or value that cannot be serialized fails
 * in the caller with {@link java.lang.IllegalArgumentException} saying what could not be
 * serialized, before anything is sent; a pool result that cannot be serialized fails its task with
 * {@link org.mproc.TaskFailedException} (G-POOL-6).
 *
 * <h2>How a child JVM is started</h2>
 *
 * <p>Every child — a {@code ChildProcess}, a spare, a pool worker, a manager's server — runs the
 * parent's own {@code java} binary, no shell in between, on a class path that loads the code it is
 * sent (G-PROC-9): read off the class loaders that loaded that code, so children find their
 * classes under {@code java -cp}, {@code java -jar}, {@code mvn exec:java}, Surefire, servers and
 * IDE runners alike; or given with {@link org.mproc.ChildProcess.Builder#classPath},
 * {@link org.mproc.Pool.Builder#classPath} or {@code -Dmproc.classPath} (entries separated by the
 * platform's path separator). Where no class path can load the code, starting fails at once with
 * {@link java.lang.IllegalStateException}. The options, in this order (later options win on a
 * conflict):
 * <ol>
 *   <li>{@code -Xrs -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData};</li>
 *   <li>a default max heap, {@code -Xmx<n>m}: physical memory / (4 × available processors),
 *       within [512 MiB, 1 GiB] and never above the JVM's own default of ¼ of physical memory
 *       (the JVM's default would let every child claim ¼ of it). It is left out when the options
 *       below, or the {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} of the environment,
 *       set the max heap ({@code -Xmx}, {@code -XX:MaxHeapSize}, {@code -XX:MaxRAM},
 *       {@code -XX:MaxRAMPercentage}, {@code -XX:MaxRAMFraction}), and raised to an initial heap
 *       ({@code -Xms}) they set above it (G-PROC-12);</li>
 *   <li>the options in the system property {@code -Dmproc.childJvmOptions}, split on whitespace
 *       and passed on to the child's own children;</li>
 *   <li>the caller's {@code jvmOptions} ({@link org.mproc.ChildProcess.Builder#jvmOptions},
 *       {@link org.mproc.Pool.Builder#jvmOptions}, {@link org.mproc.Spares#start(int, java.util.List)}).</li>
 * </ol>
 *
 * <p>A child that runs out of memory dies at once with exit code 3
 * ({@code -XX:+ExitOnOutOfMemoryError}); a pool call it was running fails with a
 * {@link org.mproc.WorkerDiedException} whose {@link org.mproc.WorkerDiedException#outOfMemory()}
 * is true and whose cause is the {@link java.lang.OutOfMemoryError} (G-PROC-12).
 *
 * <h2>What is API</h2>
 *
 * <p>Only the public types of this package are API. Nothing outside {@code org.mproc} is:
 * the {@code org.mproc.internal} packages may change at any time, without notice.
 */
package org.mproc;
