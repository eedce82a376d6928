package org.mproc.harness;

import java.util.Locale;

/**
 * Which shape a scenario runs in and which grades apply. {@link #DEFAULT} runs the seed's shape
 * (five children, five items) and enforces only the default grades, so a short budget never fails
 * for a race it had no time to see; {@link #STRESS} runs a shape big enough to catch a broken
 * implementation and enforces the rows' stress grades (G-HAR-1).
 */
public enum Profile {
    DEFAULT,
    STRESS;

    /** The name used on the command line and in JSON: {@code default}, {@code stress}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "': expected default or stress");
    }
}
