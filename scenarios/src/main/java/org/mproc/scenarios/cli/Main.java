package org.mproc.scenarios.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The harness's command line: lists the graded scenarios and runs them (the main job runs
 * {@code scripts/harness}, which calls this). Exit codes: 0 every scenario passed, 1 a semantic
 * failure (a forbidden, undeclared or missing required outcome, or a leak), 2 the harness could not
 * run (bad arguments, unknown scenario, unwritable output).
 *
 * <pre>
 * $ scripts/harness list
 * $ scripts/harness run 05 05c --profile stress --budget 30s --seed 42
 * </pre>
 */
@Command(name = "scripts/harness", mixinStandardHelpOptions = true,
        description = "Runs mproc's graded scenarios with real processes.",
        subcommands = {ListCommand.class, RunCommand.class, CPythonCommand.class})
public final class Main implements Runnable {
    /** Exit code for a run the harness could not make. */
    static final int INFRASTRUCTURE = 2;

    private final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        out.println(new CommandLine(this).getUsageMessage());
    }

    PrintStream out() {
        return out;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line in this JVM, printing to {@code System.out} and {@code System.err}. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the command line in this JVM, printing to the given streams. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Main(out));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExitCodeExceptionMapper(e -> INFRASTRUCTURE);
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(cli.getErr());
            return INFRASTRUCTURE;
        });
        return cli.execute(args);
    }
}
