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
import org.mproc.reports.stats.ScalingPoint;

/**
 * The goals the issues set, judged on this run's numbers at the highest core count measured (the
 * ratios at the other core counts are shown beside): each MET, NOT_MET, or NO_DATA when a side was
 * not measured. Ratios are taken within the run, so they
 * hold on any machine that measured both sides together.
 */
final class Goals {
    private Goals() {}

    static List<Verdict> judge(Map<String, WorkloadResults> workloads, List<ReportData.Scenario> scenarios) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(scenarios(scenarios));
        verdicts.add(ratioGoal(workloads.get("map-tiny"), 3.0, "Pool.map, tiny grain: ≥ 3× CPython fork's items/s"));
        verdicts.add(latencyGoal(workloads.get("apply"), 0.33, "apply round trip ≤ max(0.33× CPython fork's, 1.5× floor)"));
        verdicts.add(efficiencyGoal(workloads.get("map-coarse")));
        verdicts.add(ratioGoal(workloads.get("queue"), 1.0, "Queue child → child: ≥ CPython fork's throughput"));
        verdicts.add(latencyGoal(workloads.get("manager"), 0.5, "Manager get ≤ max(½ CPython fork's, 1.5× floor)"));
        verdicts.add(startGoal(workloads.get("start")));
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

    private static Verdict ratioGoal(WorkloadResults w, double atLeast, String goal) {
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        String unit = w.unit().orElse("");
        Double ratio = RatioSection.speedRatio(RatioSection.mean(w, Role.MPROC, k.get(), unit),
                RatioSection.mean(w, Role.CPYTHON_FORK, k.get(), unit), unit);
        if (ratio == null) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        return new Verdict(goal, String.format(Locale.ROOT, "%.2f× CPython fork's speed at %d cores", ratio, k.get())
                + atOtherCores(w, k.get(), unit), ratio >= atLeast ? Met.MET : Met.NOT_MET);
    }

    /**
     * A latency goal as DESIGN states it: met at ≤ max({@code fraction} × CPython fork's latency,
     * 1.5 × the socket round-trip floor measured in the same run), since no round trip beats the floor.
     */
    private static Verdict latencyGoal(WorkloadResults w, double fraction, String goal) {
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        String unit = w.unit().orElse("");
        Double mproc = RatioSection.mean(w, Role.MPROC, k.get(), unit);
        Double fork = RatioSection.mean(w, Role.CPYTHON_FORK, k.get(), unit);
        Double floor = RatioSection.mean(w, Role.FLOOR, k.get(), unit);
        if (fork == null) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        double limit = Math.max(fraction * fork, floor == null ? 0 : 1.5 * floor);
        String measured = String.format(Locale.ROOT, "%.1f %s; CPython fork %.1f, floor %s → limit %.1f at %d cores",
                mproc, unit, fork, floor == null ? "not measured" : String.format(Locale.ROOT, "%.1f", floor), limit, k.get());
        return new Verdict(goal, measured + atOtherCores(w, k.get(), unit), mproc <= limit ? Met.MET : Met.NOT_MET);
    }

    /**
     * The same ratio at the core counts below the judged one, as context: a round trip pinned to
     * one core can be several times faster than across two (a wake-up on the other core).
     */
    private static String atOtherCores(WorkloadResults w, int judged, String unit) {
        StringBuilder text = new StringBuilder();
        for (int k : w.perCores(Role.MPROC).map(m -> m.keySet()).orElse(java.util.Set.of())) {
            Double ratio = RatioSection.speedRatio(RatioSection.mean(w, Role.MPROC, k, unit),
                    RatioSection.mean(w, Role.CPYTHON_FORK, k, unit), unit);
            if (k != judged && ratio != null) {
                text.append(String.format(Locale.ROOT, "; at %d core%s: %.2f× CPython fork's speed", k, k == 1 ? "" : "s", ratio));
            }
        }
        return text.toString();
    }

    private static Verdict efficiencyGoal(WorkloadResults w) {
        String goal = "Pool.map, coarse grain: parallel efficiency ≥ CPython fork's";
        Optional<List<ScalingPoint>> mproc = ScalingSection.speedups(w, Role.MPROC);
        Optional<List<ScalingPoint>> python = ScalingSection.speedups(w, Role.CPYTHON_FORK);
        if (mproc.isEmpty() || python.isEmpty()) {
            return new Verdict(goal, (mproc.isEmpty() ? "mproc" : "CPython") + " not measured", Met.NO_DATA);
        }
        ScalingPoint m = mproc.get().get(mproc.get().size() - 1);
        ScalingPoint p = python.get().stream().filter(x -> x.cores() == m.cores()).findFirst().orElse(null);
        if (p == null || m.cores() < 2) {
            return new Verdict(goal, "no common core count above 1", Met.NO_DATA);
        }
        return new Verdict(goal, String.format(Locale.ROOT, "%.0f%% vs %.0f%% at %d cores", 100 * m.efficiency(),
                100 * p.efficiency(), m.cores()), m.efficiency() >= p.efficiency() ? Met.MET : Met.NOT_MET);
    }

    private static Verdict startGoal(WorkloadResults w) {
        String goal = "cold process start ≤ CPython spawn's";
        Optional<Integer> k = RatioSection.maxCores(w, Role.MPROC);
        if (k.isEmpty()) {
            return new Verdict(goal, "mproc not measured", Met.NO_DATA);
        }
        String unit = w.unit().orElse("");
        Double mproc = RatioSection.mean(w, Role.MPROC, k.get(), unit);
        Double spawn = RatioSection.mean(w, Role.CPYTHON_SPAWN, k.get(), unit);
        if (spawn == null) {
            return new Verdict(goal, "CPython not measured", Met.NO_DATA);
        }
        return new Verdict(goal, String.format(Locale.ROOT, "%.1f vs %.1f %s", mproc, spawn, unit),
                mproc <= spawn ? Met.MET : Met.NOT_MET);
    }
}
