package org.mproc.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A scenario's result as JSON, the form the HTML report reads: {@code scenarios/<id>.json}. The
 * document carries {@link #SCHEMA_VERSION}; every number is finite (a frequency with no trial is
 * 0, never NaN), durations are milliseconds, grades are their names, an undeclared outcome has
 * grade {@code "UNDECLARED"}.
 *
 * <pre>{@code
 * {"schemaVersion": 1, "id": "05", "title": "…", "seedSection": "§5 …", "verdict": "PASS", "exitCode": 0,
 *  "profile": "default", "seed": 42, "subject": null, "budgetMs": 5000, "actualMs": 5630, "trials": 7,
 *  "leakCheck": "…", "replay": "scripts/harness run 05 …",
 *  "outcomes": [{"key": "4", "samples": 3, "frequency": 0.43, "grade": "INTERESTING", "failing": false,
 *                "row": "/[1-4]/", "description": "…"}],
 *  "failures": [{"kind": "FORBIDDEN", "trial": 3, "message": "…"}],
 *  "shrink": {"original": {"items": 200, "processes": 3}, "shrunk": {"items": 4, "processes": 2},
 *             "main": "items", "reduced": true, "tries": 19, "tookMs": 23400, "notes": ["items: 3 did not fail in 3 tries", …],
 *             "replay": "scripts/harness run 02 … --shape items=4,processes=2"}}
 * }</pre>
 * {@code shrink} (G-HAR-6) is {@code null} for a run that passed or could not run; for a failure
 * that was not shrunk its {@code replay} is {@code null} and {@code notes} says why. It was added
 * within schema version 1: readers of version 1 that do not know it are unaffected.
 */
public final class ResultJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    /** The document for {@code r}. */
    public static ObjectNode toJson(ScenarioResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("id", r.id());
        root.put("title", r.title());
        root.put("seedSection", r.seedSection());
        root.put("verdict", r.passed() ? "PASS" : "FAIL");
        root.put("exitCode", r.exitCode());
        root.put("profile", r.settings().profile().label());
        root.put("seed", r.settings().seed());
        root.put("subject", r.subject().orElse(null));
        root.put("budgetMs", r.settings().budget().toMillis());
        root.put("actualMs", r.actual().toMillis());
        root.put("trials", r.trials());
        root.put("leakCheck", r.leakCheck());
        root.put("replay", r.replay());
        ArrayNode outcomes = root.putArray("outcomes");
        for (OutcomeCount c : r.counts()) {
            ObjectNode o = outcomes.addObject();
            o.put("key", c.key());
            o.put("samples", c.samples());
            o.put("frequency", r.frequency(c));
            o.put("grade", c.expect());
            o.put("failing", c.failing());
            o.put("row", c.row().map(OutcomeRow::label).orElse(null));
            o.put("description", c.description());
        }
        ArrayNode failures = root.putArray("failures");
        for (ScenarioFailure f : r.failures()) {
            ObjectNode o = failures.addObject();
            o.put("kind", f.kind().name());
            o.put("trial", f.trial());
            o.put("message", f.message());
        }
        if (r.shrink().isPresent()) {
            shrink(root.putObject("shrink"), r.shrink().get());
        } else {
            root.putNull("shrink");
        }
        return root;
    }

    private static void shrink(ObjectNode o, ShrinkResult s) {
        s.original().values().forEach(o.putObject("original")::put);
        s.shrunk().values().forEach(o.putObject("shrunk")::put);
        o.put("main", s.mainDimension().orElse(null));
        o.put("reduced", s.reduced());
        o.put("tries", s.tries());
        o.put("tookMs", s.took().toMillis());
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        o.put("replay", s.replay().orElse(null));
    }

    /** Writes {@code <directory>/<id>.json}, creating the directory; returns the file. */
    public static Path write(ScenarioResult r, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(r.id().toLowerCase(Locale.ROOT) + ".json");
        MAPPER.writeValue(file.toFile(), toJson(r));
        return file;
    }
}
