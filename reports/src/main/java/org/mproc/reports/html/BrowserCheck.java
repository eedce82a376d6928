package org.mproc.reports.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Loads a rendered report in headless Chromium, as a reader would open it from disk, and says
 * whether it worked: the page's script set {@code data-ready="true"} on the body (every chart
 * drew) and left {@code data-errors} absent or empty (no script error, no {@code console.error}).
 * Then it saves a screenshot of the same file. Chromium is Debian's {@code chromium} package;
 * {@code scripts/ensure-chromium} installs it. Each run gets a fresh profile directory, no network
 * services and a 10 s virtual-time budget.
 *
 * <pre>{@code
 * BrowserCheck.Result r = BrowserCheck.check(Path.of("reports/out/report.html"), Path.of("target/report.png"));
 * if (!r.ok()) System.err.println(r.errors());
 * }</pre>
 *
 * From the command line: {@code java -cp … org.mproc.reports.html.BrowserCheck <report.html> [<screenshot.png>]};
 * exit code 0 the page is fine, 1 it is not, 2 Chromium is missing or failed to run.
 */
public final class BrowserCheck {
    /** The property naming the Chromium binary; by default {@code chromium} on the PATH. */
    public static final String CHROMIUM_PROPERTY = "mproc.chromium";
    private static final long TIMEOUT_SECONDS = 90;
    private static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
            "--virtual-time-budget=10000");

    /**
     * What the browser found. {@code ok} when the page was ready with no error and the screenshot
     * was written; {@code errors} is the page's {@code data-errors} and any problem running the
     * browser, one per line (empty when ok); {@code charts} is how many charts drew.
     */
    public record Result(boolean ok, boolean ready, int charts, String errors, Path screenshot) {}

    /** Thrown when no Chromium binary can be found; the message says how to install one. */
    public static final class ChromiumMissing extends IOException {
        private static final long serialVersionUID = 1L;

        ChromiumMissing(String message) {
            super(message);
        }
    }

    private BrowserCheck() {}

    /** Checks {@code html} and writes its screenshot (1280 × 2000) to {@code screenshot}. */
    public static Result check(Path html, Path screenshot) throws IOException, InterruptedException {
        Path chromium = chromium().orElseThrow(() -> new ChromiumMissing(
                "chromium is not installed: run scripts/ensure-chromium (as root), or set -D"
                        + CHROMIUM_PROPERTY + "=<path to a Chromium binary>"));
        String url = html.toAbsolutePath().toUri().toString();
        List<String> errors = new ArrayList<>();

        Run dom = run(chromium, List.of("--dump-dom", url));
        Element body = Jsoup.parse(dom.stdout()).body();
        boolean ready = "true".equals(body.attr("data-ready"));
        String pageErrors = body.attr("data-errors").strip();
        int charts = body.hasAttr("data-charts") ? Integer.parseInt(body.attr("data-charts")) : 0;
        if (!dom.problem().isEmpty()) {
            errors.add(dom.problem());
        }
        if (!pageErrors.isEmpty()) {
            errors.add(pageErrors);
        }
        if (!ready) {
            errors.add("the page did not set data-ready=\"true\" (data-ready=\"" + body.attr("data-ready")
                    + "\", " + charts + " charts drew)");
        }

        Path png = screenshot.toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Run shot = run(chromium, List.of("--screenshot=" + png, "--window-size=1280,2000", url));
        if (!shot.problem().isEmpty()) {
            errors.add(shot.problem());
        }
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            errors.add("no screenshot was written to " + png);
        }
        return new Result(errors.isEmpty(), ready, charts, String.join("\n", errors), png);
    }

    /** The Chromium binary: the {@value #CHROMIUM_PROPERTY} property, else {@code chromium} on the PATH. */
    public static Optional<Path> chromium() {
        String configured = System.getProperty(CHROMIUM_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Paths.get(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private record Run(String stdout, String problem) {}

    /** Runs Chromium once with a fresh profile; stdout and stderr go to files, so no pipe can fill. */
    private static Run run(Path chromium, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("mproc-chromium-");
        Path out = profile.resolve("stdout.txt");
        Path err = profile.resolve("stderr.txt");
        List<String> command = new ArrayList<>();
        command.add(chromium.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile.resolve("profile"));
        command.addAll(extra);
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            String problem = "";
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                problem = "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command);
            } else if (p.exitValue() != 0) {
                problem = "chromium exited with " + p.exitValue() + ": " + String.join(" ", command)
                        + "\n" + tail(Files.readString(err, StandardCharsets.UTF_8), 15);
            }
            return new Run(Files.readString(out, StandardCharsets.UTF_8), problem);
        } finally {
            deleteTree(profile);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@code BrowserCheck <report.html> [<screenshot.png>]}: prints the result; exit 0 ok, 1 page failed, 2 no browser. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BrowserCheck <report.html> [<screenshot.png>]");
            System.exit(2);
        }
        Path html = Paths.get(args[0]);
        Path png = args.length > 1 ? Paths.get(args[1]) : html.resolveSibling("report.png");
        Result r;
        try {
            r = check(html, png);
        } catch (ChromiumMissing e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (r.ok()) {
            System.out.println("browser check passed: " + r.charts() + " charts drew, no error; screenshot " + r.screenshot());
        } else {
            System.out.println("browser check FAILED for " + html + ":\n" + r.errors());
        }
        System.exit(r.ok() ? 0 : 1);
    }
}
