package org.mproc.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.html.ReportData.Met;
import org.mproc.reports.html.ReportData.Verdict;
import org.mproc.reports.html.ReportData;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Scaling;
import org.mproc.reports.stats.SpeedRatio;
import org.mproc.reports.stats.SpeedRatio.Decision;

/**
 * The goals the issues set, judged on this run's numbers at the highest core count measured, each
 * with the interval of the ratio it rests on ({@link SpeedRatio}, from every iteration of both
 * sides): MET when the whole interval meets the goal, NOT_MET when none of it does, INCONCLUSIVE
 * when it straddles the goal, NO_DATA when a side was not measured. A smoke run (quick mode:
 * {@code decide} false) shows the measurements and decides nothing (NOT_DECIDED); the scenarios'
 * pass/fail is not a measurement and is judged in both. Ratios are taken within the run, so they
 * hold on any machine that measured both sides together.
 */
final class Goals {
    static final double CONFIDENCE = 0.95;
    private static final double FLOOR_MULTIPLE = 1.5;

    private Goals() {}

    static List<Verdict> judge(Map<String, WorkloadResults> workloads, List<ReportData.Scenario> scenarios, boolean decide) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(scenarios(scenarios));
        List<Verdict> measured = new ArrayList<>();
        measured.add(ratioGoal(workloads.get("map-tiny"), 3.0, "Pool.map, tiny grain: ≥ 3× CPython fork's items/s"));
        measured.add(latencyGoal(workloads.get("apply"), 0.33, "apply round trip ≤ max(0.33× CPython fork's, 1.5× floor)"));
        measured.add(efficiencyGoal(workloads.get("map-coarse")));
        measured.add(ratioGoal(workloads.get("queue"), 1.0, "Queue child → child: ≥ CPython fork's throughput"));
        measured.add(latencyGoal(workloads.get("manager"), 0.5, "Manager get ≤ max(½ CPython fork's, 1.5× floor)"));
        measured.add(startGoal(workloads.get("start")));
        for (Verdict v : measured) {
            verdicts.add(decide || v.met() == Met.NO_DATA ? v : new Verdict(v.goal(), v.measured(), Met.NOT_DECIDED));
        }
        return verdicts;
    }

    private static Verdict scenarios(List<ReportData.Scenario> rows) {
        String goal = "every graded scenario passes";
        if (rows.isEmpty()) {
            return new Verdict(goal, "no scenario results (run scripts/harness)", Met.NO_DATA);
        }
        long passed = rows.stream().filter(r -> "PASS".equals(r.verdict())).count();
        return new Verdict(goal, passed + " of " + rows.size() + " passed", passed == rows.size() ? Met.MET : Met.NOT_MET);
    }

    /** mproc's speed over CPython fork's at least {@code atLeast}. */
    private static Verdict ratioGoal(WorkloadResults w, double atLeast, String goal) {
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        Optional<BenchmarkResult> fork = at(w, Role.CPYTHON_FORK, k.get());
        if (fork.isEmpty()) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        Optional<SpeedRatio> ratio = SpeedRatio.of(at(w, Role.MPROC, k.get()).orElseThrow(), fork.get(), CONFIDENCE);
        if (ratio.isEmpty()) {
            return new Verdict(goal, "too few iterations for an interval at " + k.get() + " cores", Met.INCONCLUSIVE);
        }
        return new Verdict(goal, ratio.get().text() + " CPython fork's speed at " + k.get() + " cores"
                + atOtherCores(w, k.get()), met(ratio.get().atLeast(atLeast)));
    }

    /**
     * A latency goal as DESIGN states it: met at ≤ max({@code fraction} × CPython fork's latency,
     * 1.5 × the socket round-trip floor measured in the same run), since no round trip beats the
     * floor. In speed terms: mproc at least 1/fraction times as fast as CPython, or at least 1/1.5
     * times as fast as the floor. Met when either interval wholly meets its bound, not met when
     * neither touches its bound.
     */
    private static Verdict latencyGoal(WorkloadResults w, double fraction, String goal) {
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        BenchmarkResult mproc = at(w, Role.MPROC, k.get()).orElseThrow();
        Optional<BenchmarkResult> fork = at(w, Role.CPYTHON_FORK, k.get());
        if (fork.isEmpty()) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        Optional<SpeedRatio> vsFork = SpeedRatio.of(mproc, fork.get(), CONFIDENCE);
        Optional<SpeedRatio> vsFloor = at(w, Role.FLOOR, k.get()).flatMap(f -> SpeedRatio.of(mproc, f, CONFIDENCE));
        if (vsFork.isEmpty()) {
            return new Verdict(goal, "too few iterations for an interval at " + k.get() + " cores", Met.INCONCLUSIVE);
        }
        String unit = w.unit().orElse("");
        String measured = String.format(Locale.ROOT, "%.1f %s at %d cores: %s CPython fork's speed (goal ≥ %.2f×)",
                WorkloadResults.mean(mproc, unit).estimate(), unit, k.get(), vsFork.get().text(), 1 / fraction)
                + vsFloor.map(f -> String.format(Locale.ROOT, "; %s the floor's (goal ≥ %.2f×)", f.text(), 1 / FLOOR_MULTIPLE))
                        .orElse("; floor not measured");
        Decision byFork = vsFork.get().atLeast(1 / fraction);
        Decision byFloor = vsFloor.map(f -> f.atLeast(1 / FLOOR_MULTIPLE)).orElse(Decision.NO);
        Met met = byFork == Decision.YES || byFloor == Decision.YES ? Met.MET
                : byFork == Decision.NO && byFloor == Decision.NO ? Met.NOT_MET : Met.INCONCLUSIVE;
        return new Verdict(goal, measured + atOtherCores(w, k.get()), met);
    }

    /** The point ratio at the core counts below the judged one, as context. */
    private static String atOtherCores(WorkloadResults w, int judged) {
        StringBuilder text = new StringBuilder();
        String unit = w.unit().orElse("");
        for (int k : w.perCores(Role.MPROC).map(m -> m.keySet()).orElse(java.util.Set.of())) {
            Double ratio = RatioSection.speedRatio(RatioSection.mean(w, Role.MPROC, k, unit),
                    RatioSection.mean(w, Role.CPYTHON_FORK, k, unit), unit);
            if (k != judged && ratio != null) {
                text.append(String.format(Locale.ROOT, "; at %d core%s: %.2f×", k, k == 1 ? "" : "s", ratio));
            }
        }
        return text.toString();
    }

    /**
     * Parallel efficiency at the top core count at least CPython fork's: the ratio of the two
     * speedups (each against its language's best sequential run), its interval from the two
     * speedups' intervals at 97.5% each.
     */
    private static Verdict efficiencyGoal(WorkloadResults w) {
        String goal = "Pool.map, coarse grain: parallel efficiency ≥ CPython fork's";
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        List<BenchmarkResult> javaSequential = w.all(Role.JAVA_SEQUENTIAL);
        List<BenchmarkResult> pythonSequential = w.all(Role.CPYTHON_SEQUENTIAL);
        if (k.isEmpty() || javaSequential.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        Optional<BenchmarkResult> fork = at(w, Role.CPYTHON_FORK, k.get());
        if (fork.isEmpty() || pythonSequential.isEmpty()) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        if (k.get() < 2) {
            return new Verdict(goal, "no core count above 1", Met.NO_DATA);
        }
        double each = 1 - (1 - CONFIDENCE) / 2;
        Optional<SpeedRatio> mproc = SpeedRatio.of(at(w, Role.MPROC, k.get()).orElseThrow(), Scaling.best(javaSequential), each);
        Optional<SpeedRatio> python = SpeedRatio.of(fork.get(), Scaling.best(pythonSequential), each);
        if (mproc.isEmpty() || python.isEmpty()) {
            return new Verdict(goal, "too few iterations for an interval at " + k.get() + " cores", Met.INCONCLUSIVE);
        }
        SpeedRatio ratio = mproc.get().over(python.get());
        String measured = String.format(Locale.ROOT, "%.0f%% vs %.0f%% at %d cores; mproc's efficiency over CPython's %s",
                100 * mproc.get().estimate() / k.get(), 100 * python.get().estimate() / k.get(), k.get(), ratio.text());
        return new Verdict(goal, measured, met(ratio.atLeast(1.0)));
    }

    private static Verdict startGoal(WorkloadResults w) {
        String goal = "cold process start ≤ CPython spawn's";
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        Optional<BenchmarkResult> spawn = at(w, Role.CPYTHON_SPAWN, k.get());
        if (spawn.isEmpty()) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        BenchmarkResult mproc = at(w, Role.MPROC, k.get()).orElseThrow();
        Optional<SpeedRatio> ratio = SpeedRatio.of(mproc, spawn.get(), CONFIDENCE);
        if (ratio.isEmpty()) {
            return new Verdict(goal, "too few samples for an interval", Met.INCONCLUSIVE);
        }
        String unit = w.unit().orElse("");
        return new Verdict(goal, String.format(Locale.ROOT, "%.1f vs %.1f %s: %s spawn's speed",
                WorkloadResults.mean(mproc, unit).estimate(), WorkloadResults.mean(spawn.get(), unit).estimate(), unit,
                ratio.get().text()), met(ratio.get().atLeast(1.0)));
    }

    private static Optional<BenchmarkResult> at(WorkloadResults w, Role role, int cores) {
        return w.perCores(role).map(m -> m.get(cores));
    }

    private static Met met(Decision d) {
        return switch (d) {
            case YES -> Met.MET;
            case NO -> Met.NOT_MET;
            case UNDECIDED -> Met.INCONCLUSIVE;
        };
    }
}
