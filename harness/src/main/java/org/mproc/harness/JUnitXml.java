package org.mproc.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Scenario results as one JUnit XML report (the Ant/Surefire format CI test tabs read): one
 * {@code <testcase>} per scenario, named by its id and title, with a {@code <failure>} holding the
 * failures and the replay command, and the console table as {@code <system-out>}.
 */
public final class JUnitXml {
    private JUnitXml() {}

    /** Writes {@code <directory>/TEST-<suite>.xml}; returns the file. */
    public static Path write(String suite, List<ScenarioResult> results, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("TEST-" + suite + ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(results.stream().filter(r -> r.exitCode() == 1).count()));
            xml.writeAttribute("errors", String.valueOf(results.stream().filter(r -> r.exitCode() == 2).count()));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(results.stream().mapToLong(r -> r.actual().toMillis()).sum()));
            xml.writeAttribute("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
            xml.writeAttribute("hostname", hostname());
            for (ScenarioResult r : results) {
                writeCase(xml, suite, r);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
        return file;
    }

    private static void writeCase(XMLStreamWriter xml, String suite, ScenarioResult r) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", r.id() + " " + r.title() + " [" + r.settings().profile().label() + "]");
        xml.writeAttribute("time", seconds(r.actual().toMillis()));
        if (!r.passed()) {
            xml.writeStartElement(r.exitCode() == 1 ? "failure" : "error");
            xml.writeAttribute("message", r.failures().get(0).message());
            xml.writeAttribute("type", r.failures().get(0).kind().name());
            StringBuilder text = new StringBuilder();
            r.failures().forEach(f -> text.append(f.kind()).append(": ").append(f.message()).append('\n'));
            text.append("replay: ").append(r.replay()).append('\n');
            r.shrink().flatMap(ShrinkResult::replay).ifPresent(s -> text.append("replay shrunk: ").append(s).append('\n'));
            xml.writeCharacters(text.toString());
            xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        xml.writeCharacters(String.join("\n", ConsoleTable.lines(r)) + "\n");
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** From the environment: a name lookup could wait on a resolver. */
    private static String hostname() {
        return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
}
