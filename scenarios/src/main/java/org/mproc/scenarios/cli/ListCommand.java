package org.mproc.scenarios.cli;

import java.util.concurrent.Callable;
import org.mproc.harness.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code list}: every graded scenario with its seed section and the subject it can be given. */
@Command(name = "list", description = "Lists the graded scenarios.")
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        for (Scenario s : ScenarioCatalog.all()) {
            main.out().printf("%-4s %s%n     %s%s%n", s.id(), s.title(), s.seedSection(),
                    s.subjectType().map(t -> " · subject: " + t.getName()).orElse(""));
        }
        return 0;
    }
}
