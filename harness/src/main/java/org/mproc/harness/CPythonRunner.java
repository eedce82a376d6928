package org.mproc.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a scenario's CPython counterpart, {@code <programs>/<id>.py}, as a subject graded by the
 * scenario's own outcome table (G-HAR-7), by the trial rules mproc's runs follow ({@link TrialLoop}:
 * the first trial is the warm-up, at least two, then more while another of average length fits in
 * the budget; the run stops at the first failing trial), each trial one run of the program under
 * one start method with the trial's seed and index. A program still running at the trial timeout
 * (the scenario's, or the runner's cap when shorter) is killed with its whole session and observed as {@code hang: no outcome within …}; a
 * process of its session still alive after it ended is named, killed by pid and fails the run as a
 * leak; a program that crashes or prints anything but one outcome line fails it as INFRASTRUCTURE,
 * with its stderr's last lines. A program runs the profile's shape: {@code --profile stress} gives it
 * the Java scenario's stress shape, drawn the same way, graded by the table's stress grades.
 *
 * <pre>{@code
 * CPythonRunner runner = new CPythonRunner(python, Path.of("scenarios/cpython"), System.out::println);
 * ScenarioResult fork = runner.run(new Scenario05ManagerSharedState(), "fork", settings);
 * }</pre>
 *
 * The trial rules are {@link TrialLoop}'s, the ones mproc's runs follow; a trial here is a process,
 * not a {@link Scenario#runOnce} call, and its leak check is the session's, not this JVM's descendants.
 */
public final class CPythonRunner {
    /** The start methods a program is run under. */
    public static final List<String> START_METHODS = List.of("fork", "spawn");

    private final CPython python;
    private final Path programs;
    private final Duration timeoutCap;
    private final Consumer<String> progress;

    /**
     * A runner that gives each program its scenario's own trial timeout, as mproc's runs get.
     *
     * @param python   the interpreter
     * @param programs the directory of the programs, {@code <id>.py}
     * @param progress receives a line at least every two seconds while a run goes on
     */
    public CPythonRunner(CPython python, Path programs, Consumer<String> progress) {
        this(python, programs, ChronoUnit.FOREVER.getDuration(), progress);
    }

    /**
     * @param python     the interpreter
     * @param programs   the directory of the programs, {@code <id>.py}
     * @param timeoutCap the longest trial timeout: a scenario's own is used when shorter
     * @param progress   receives a line at least every two seconds while a run goes on
     */
    public CPythonRunner(CPython python, Path programs, Duration timeoutCap, Consumer<String> progress) {
        this.python = python;
        this.programs = programs;
        this.timeoutCap = timeoutCap;
        this.progress = progress;
    }

    /** The program for {@code scenario}, if one was written. */
    public Optional<Path> programFor(Scenario scenario) {
        Path p = programs.resolve(scenario.id().toLowerCase(Locale.ROOT) + ".py");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The label of a CPython column: {@code CPython fork}. */
    public static String label(String startMethod) {
        return "CPython " + startMethod;
    }

    /** The trial timeout a scenario gets here: its own, at most the cap. */
    public Duration trialTimeout(Scenario scenario) {
        return scenario.trialTimeout().compareTo(timeoutCap) < 0 ? scenario.trialTimeout() : timeoutCap;
    }

    /**
     * Runs the program of {@code scenario} under {@code startMethod} within the settings' budget.
     *
     * @throws IllegalArgumentException when the scenario has no program or the start method is not
     *                                  fork or spawn
     */
    public ScenarioResult run(Scenario scenario, String startMethod, RunSettings settings) throws InterruptedException {
        Path program = programFor(scenario).orElseThrow(() -> new IllegalArgumentException(
                "scenario " + scenario.id() + " has no CPython program under " + programs));
        if (!START_METHODS.contains(startMethod)) {
            throw new IllegalArgumentException("unknown start method '" + startMethod + "': expected fork or spawn");
        }
        RunSettings labelled = new RunSettings(settings.profile(), settings.budget(), settings.seed(),
                Optional.of("CPython " + python.version() + " " + startMethod));
        String replay = "scripts/harness cpython " + scenario.id() + " --start-method " + startMethod
                + (settings.profile() == Profile.DEFAULT ? "" : " --profile " + settings.profile().label())
                + " --seed " + settings.seed() + " --budget " + Durations.format(settings.budget());
        CPythonProgram runs = new CPythonProgram(python.command(), program);
        Duration timeout = trialTimeout(scenario);
        List<String> arguments = List.of("--start-method", startMethod, "--profile", settings.profile().label(),
                "--seed", String.valueOf(settings.seed()));
        TrialLoop.Tally tally = TrialLoop.run(scenario, settings, scenario.id() + " " + label(startMethod), progress, index -> {
            List<String> args = new ArrayList<>(arguments);
            args.addAll(List.of("--trial", String.valueOf(index)));
            return step(scenario, settings.profile(), runs, args, timeout, index);
        });
        return new ScenarioResult(scenario.id(), scenario.title(), scenario.seedSection(), labelled,
                tally.elapsed(), tally.trials(), tally.counts(), tally.failures(), replay, coverage());
    }

    /** One run of the program as a trial: its key graded, or its crash; and its session's leftovers. */
    private TrialLoop.Step step(Scenario scenario, Profile profile, CPythonProgram runs, List<String> args, Duration timeout, int index)
            throws InterruptedException {
        CPythonProgram.Run run;
        try {
            run = runs.run(args, timeout);
        } catch (IOException e) {
            return new TrialLoop.Step(Optional.empty(), List.of(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, index,
                    "cannot start " + python.command() + ": " + e.getMessage())));
        }
        List<ScenarioFailure> failures = new ArrayList<>();
        Optional<Outcome> outcome = (run.timedOut() ? Optional.of("hang: " + run.problem().orElseThrow()) : run.key()).map(Outcome::of);
        if (outcome.isPresent()) {
            TrialLoop.grade(scenario, profile, outcome.get(), index).ifPresent(failures::add);
        } else {
            String tail = run.stderr().isEmpty() ? "stderr empty" : "stderr: " + String.join(" | ", run.stderr());
            failures.add(new ScenarioFailure(ScenarioFailure.Kind.INFRASTRUCTURE, index, run.problem().orElseThrow() + "; " + tail));
        }
        if (!run.leaked().isEmpty()) {
            failures.add(new ScenarioFailure(ScenarioFailure.Kind.LEAK, index, run.leaked().size()
                    + " process(es) of the program's session still alive after it ended, killed: " + String.join("; ", run.leaked())));
        }
        return new TrialLoop.Step(outcome, failures);
    }

    /** What the leak check covers for a Python program. */
    static String coverage() {
        return ProcessSession.supported() ? "every process of the program's session" : "none (no /proc)";
    }
}
