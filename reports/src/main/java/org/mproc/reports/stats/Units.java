package org.mproc.reports.stats;

import java.util.Map;

/**
 * JMH's score units read as numbers: every {@code ops/<time>} and {@code <time>/op} unit JMH writes
 * converts exactly to operations per second, so results in different units can be compared.
 *
 * <pre>{@code
 * Units.toOpsPerSecond(2.0, "ms/op");   // 500.0
 * Units.toOpsPerSecond(3.0, "ops/ms");  // 3000.0
 * Units.rescale(1.5, "ms/op", "us/op"); // 1500.0
 * }</pre>
 *
 * Time names are JMH's ({@code ns, us, ms, s, min, hr, day}); {@code µs} is accepted for {@code us}.
 * Any other unit (a profiler's {@code B/op}, a counter's {@code #}) is refused by name.
 */
public final class Units {
    /** The unit of every rate this package computes: {@link org.mproc.reports.stats.Scaling}. */
    public static final String OPS_PER_SECOND = "ops/s";

    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "µs", 1e-6, "μs", 1e-6, "ms", 1e-3,
            "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    private Units() {}

    /** True for {@code ops/<time>}, false for {@code <time>/op}; any other unit is refused. */
    public static boolean isRate(String unit) {
        return parse(unit).rate;
    }

    /** Converts one value (a score, an iteration, an interval end) to operations per second. */
    public static double toOpsPerSecond(double value, String unit) {
        Parsed p = parse(unit);
        // ops per <time>: divide by the seconds in that time; <time> per op: invert the seconds per op.
        return p.rate ? value / p.seconds : 1.0 / (value * p.seconds);
    }

    /** Rescales a value between two units of the same kind (two rates or two times per op). */
    public static double rescale(double value, String from, String to) {
        Parsed f = parse(from);
        Parsed t = parse(to);
        if (f.rate != t.rate) {
            throw new IllegalArgumentException("cannot rescale between a rate and a time per op: "
                    + from + " -> " + to);
        }
        return f.rate ? value * t.seconds / f.seconds : value * f.seconds / t.seconds;
    }

    /** True when {@link #rescale} can convert between the two units. */
    public static boolean sameKind(String a, String b) {
        return known(a) && known(b) && parse(a).rate == parse(b).rate;
    }

    /** True for a unit this class understands. */
    public static boolean known(String unit) {
        try {
            parse(unit);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Parsed(boolean rate, double seconds) {}

    private static Parsed parse(String unit) {
        if (unit != null) {
            String u = unit.trim();
            if (u.startsWith("ops/") && SECONDS.containsKey(u.substring(4))) {
                return new Parsed(true, SECONDS.get(u.substring(4)));
            }
            if (u.endsWith("/op") && SECONDS.containsKey(u.substring(0, u.length() - 3))) {
                return new Parsed(false, SECONDS.get(u.substring(0, u.length() - 3)));
            }
        }
        throw new IllegalArgumentException("unknown score unit '" + unit
                + "': expected ops/<time> or <time>/op with time one of ns, us, ms, s, min, hr, day");
    }
}
