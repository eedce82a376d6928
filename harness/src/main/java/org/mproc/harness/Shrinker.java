package org.mproc.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The search of a shrink (G-HAR-6), apart from how a candidate is tried: one dimension at a time,
 * the main one first, it tries the dimension's minimum, then bisects between the largest value
 * known not to fail and the smallest known to fail (halving toward the minimum while candidates
 * fail, smaller steps back up when they do not). A candidate fails when one of up to
 * {@link ShrinkLimits#triesPerCandidate()} tries fails the same way; a reduction is kept only then,
 * so the result is always the last shape that failed. Passes repeat while a pass changed something
 * (at most {@value #MAX_PASSES}); a dimension is bisected again only when another changed since.
 * The time cap and the candidate limit end it early, and say so.
 */
final class Shrinker {
    static final int MAX_PASSES = 4;

    /** What one try of a candidate shape showed. */
    enum Verdict {
        /** The candidate failed the same way: keep it. */
        FAILED_AGAIN,
        /** It did not (this time). */
        DID_NOT_FAIL,
        /** Stop shrinking at once: the try went wrong in a way that makes further tries unsafe (a leak). */
        ABORT
    }

    /** Runs one try of a candidate; for {@link Verdict#ABORT}, {@link #abortReason} says why. */
    interface Attempt {
        Verdict attempt(Shape candidate);

        default String abortReason() {
            return "a try went wrong";
        }
    }

    /** What the search found: the last shape that failed, the tries it took, why each dimension stopped. */
    record Found(Shape shape, int tries, List<String> notes) {}

    private final Dimensions dimensions;
    private final ShrinkLimits limits;
    private final Attempt attempt;
    private final Consumer<String> progress;
    private final long deadline;
    private final Map<String, String> stoppedBecause = new LinkedHashMap<>();
    private int tries;
    private int candidates;
    private String stop;

    Shrinker(Dimensions dimensions, ShrinkLimits limits, Attempt attempt, Consumer<String> progress) {
        this.dimensions = dimensions;
        this.limits = limits;
        this.attempt = attempt;
        this.progress = progress;
        this.deadline = System.nanoTime() + limits.timeCap().toNanos();
    }

    /** Shrinks from {@code original}, the shape of a trial that failed; only its dimensions are shrunk. */
    Found shrink(Shape original) {
        Shape current = original;
        int version = 0;
        Map<String, Integer> bisectedAt = new HashMap<>();
        for (int pass = 0; pass < MAX_PASSES && stop == null; pass++) {
            int before = version;
            for (Dimension d : dimensions.all()) {
                if (stop != null || current.get(d.name()).isEmpty()) {
                    continue;
                }
                if (bisectedAt.containsKey(d.name()) && bisectedAt.get(d.name()) == version) {
                    continue; // nothing changed since this dimension was bisected: it would end the same
                }
                Shape shrunk = shrinkOne(current, d);
                if (!shrunk.equals(current)) {
                    version++;
                    current = shrunk;
                }
                bisectedAt.put(d.name(), version);
            }
            if (version == before) {
                break;
            }
        }
        return new Found(current, tries, notes(current));
    }

    private Shape shrinkOne(Shape current, Dimension d) {
        int hi = current.get(d.name()).getAsInt();
        if (hi <= d.min()) {
            stoppedBecause.put(d.name(), "at its minimum " + d.min());
            return current;
        }
        if (failsAgain(current.with(d.name(), d.min()))) {
            stoppedBecause.put(d.name(), "at its minimum " + d.min());
            return current.with(d.name(), d.min());
        }
        int lo = d.min();
        while (hi - lo > 1 && stop == null) {
            int mid = lo + (hi - lo) / 2;
            if (failsAgain(current.with(d.name(), mid))) {
                hi = mid;
                current = current.with(d.name(), mid);
            } else {
                lo = mid;
            }
        }
        if (stop == null) {
            stoppedBecause.put(d.name(), lo + " did not fail in " + limits.triesPerCandidate()
                    + (limits.triesPerCandidate() == 1 ? " try" : " tries"));
        }
        return current;
    }

    /** Up to the limit of tries, stopping at the first that fails the same way. */
    private boolean failsAgain(Shape candidate) {
        if (candidates >= limits.maxCandidates()) {
            stop = "stopped after " + limits.maxCandidates() + " candidate shapes";
            return false;
        }
        candidates++;
        for (int i = 1; i <= limits.triesPerCandidate(); i++) {
            if (System.nanoTime() - deadline >= 0) {
                stop = "stopped at the time cap of " + Durations.format(limits.timeCap());
                return false;
            }
            tries++;
            Verdict v = attempt.attempt(candidate);
            if (v == Verdict.ABORT) {
                stop = "stopped: " + attempt.abortReason();
                return false;
            }
            if (v == Verdict.FAILED_AGAIN) {
                progress.accept("    " + candidate + ": failed again (try " + i + ")");
                return true;
            }
        }
        progress.accept("    " + candidate + ": did not fail in " + limits.triesPerCandidate() + " tries");
        return false;
    }

    private List<String> notes(Shape shape) {
        List<String> notes = new ArrayList<>();
        for (String name : shape.values().keySet()) {
            String why = stoppedBecause.get(name);
            notes.add(name + ": " + (why != null ? why
                    : stop != null ? "the shrink stopped before this dimension was done" : "not shrunk"));
        }
        if (stop != null) {
            notes.add(stop);
        }
        return notes;
    }
}
