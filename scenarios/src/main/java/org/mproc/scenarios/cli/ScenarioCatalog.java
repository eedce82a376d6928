package org.mproc.scenarios.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.mproc.harness.Scenario;

/** The graded scenarios registered in {@code META-INF/services/org.mproc.harness.Scenario}, by id. */
public final class ScenarioCatalog {
    private ScenarioCatalog() {}

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        ServiceLoader.load(Scenario.class).forEach(all::add);
        all.sort(Comparator.comparing(Scenario::id));
        return all;
    }

    /** The scenarios with these ids (any case), in the order given; an unknown id is named in the error. */
    public static List<Scenario> select(List<String> ids) {
        List<Scenario> all = all();
        List<Scenario> chosen = new ArrayList<>();
        for (String id : ids) {
            Scenario match = all.stream().filter(s -> s.id().equalsIgnoreCase(id.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'; known: "
                            + all.stream().map(Scenario::id).collect(Collectors.joining(", "))));
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return chosen;
    }

    /** The scenarios a subject of this class can replace the real implementation in. */
    static List<Scenario> accepting(Class<?> subject) {
        return all().stream().filter(s -> s.subjectType().map(t -> t.isAssignableFrom(subject)).orElse(false))
                .collect(Collectors.toList());
    }

    static String ids(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::id).map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
