package org.mproc.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The files inlined into the report, read from the class path: the template, style and page script
 * beside this class, and Chart.js from its WebJar ({@code org.webjars.npm:chart.js}), whose version
 * is read from the WebJar's own Maven properties so the pom is the one place that names it.
 */
final class Assets {
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");

    private Assets() {}

    /** A resource beside this class, as UTF-8 text. */
    static String text(String name) {
        return read(Assets.class.getResourceAsStream(name), Assets.class.getPackageName() + "/" + name);
    }

    static String chartJsVersion() {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(missingWebJar(WEBJAR_POM));
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /**
     * Chart.js's UMD build without its source-map comment (the map is not inlined, and a page that
     * opens offline must not point at files it lacks).
     */
    static String chartJs() {
        String path = "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js";
        String js = read(Assets.class.getClassLoader().getResourceAsStream(path), path);
        return script(SOURCE_MAP.matcher(js).replaceAll(""));
    }

    /**
     * Checks that {@code js} can sit inside a script element as it is: it must not close the element
     * or open an HTML comment. Rewriting arbitrary code to avoid them is not safe, so this refuses.
     */
    static String script(String js) {
        String lower = js.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException("a script to inline contains </script or <!--; it cannot be inlined as is");
        }
        return js;
    }

    private static String read(InputStream in, String what) {
        if (in == null) {
            throw new IllegalStateException(missingWebJar(what));
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String missingWebJar(String what) {
        return what + " is not on the class path (the report needs org.webjars.npm:chart.js and its own resources)";
    }
}
