package org.mproc.harness;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One dimension of a scenario's shape that the runner may shrink after a failure (G-HAR-6): its
 * name as written in {@code --shape name=value}, the smallest value that is still a meaningful
 * trial, and whether it is the scenario's main dimension (the one shrunk first and reported as the
 * measure of the shrink). The largest value is the one the profile draws or fixes in each trial.
 *
 * @param name lower case letters, digits and dashes, starting with a letter: {@code "elements"}
 * @param min  the smallest value a trial may be given, at least 0
 * @param main whether this is the scenario's main dimension
 */
public record Dimension(String name, int min, boolean main) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Checks the name's form and that the minimum is not negative, naming the dimension. */
    public Dimension {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("dimension name '" + name
                    + "' must be lower case letters, digits and dashes, starting with a letter");
        }
        if (min < 0) {
            throw new IllegalArgumentException("dimension " + name + ": the minimum must be at least 0, got " + min);
        }
    }

    /** How it is shown in an error or a listing: {@code elements (main, min 1)}. */
    public String describe() {
        return name + (main ? " (main, min " : " (min ") + min + ")";
    }
}
