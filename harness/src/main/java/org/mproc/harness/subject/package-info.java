/**
 * The small interfaces through which graded scenarios exercise the runtime, so that the harness can
 * be shown to fail (G-HAR-4): each scenario calls the runtime through a subject; the real subjects
 * here adapt the public API, and the broken ones in the scenarios' test code wrap it wrongly on
 * purpose (a map in completion order, a queue that drops, an update that is not atomic…). A run
 * names a replacement with {@code --subject <class>}.
 *
 * <p>Subjects are stateless strategies and {@link java.io.Serializable}: a scenario captures them in
 * the tasks it sends to children, so a broken subject is broken in every process.
 */
package org.mproc.harness.subject;
