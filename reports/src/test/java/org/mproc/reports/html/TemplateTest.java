package org.mproc.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void javadocExampleRendersAsDocumented() {
        Template t = Template.parse("<ul>{{#rows}}<li>{{name}}</li>{{/rows}}{{^rows}}<li>none</li>{{/rows}}</ul>");
        assertEquals("<ul><li>a&lt;b</li></ul>", t.render(Map.of("rows", List.of(Map.of("name", "a<b")))));
        assertEquals("<ul><li>none</li></ul>", t.render(Map.of("rows", List.of())));
    }

    @Test
    void doubleBracesEscapeAndTripleBracesDoNot() {
        Template t = Template.parse("{{v}}|{{{v}}}");
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;|<a href=\"x\">&'", t.render(Map.of("v", "<a href=\"x\">&'")));
    }

    @Test
    void sectionsShowForTrueMapsAndNonEmptyStrings() {
        Template t = Template.parse("{{#flag}}F{{/flag}}{{#m}}{{x}}{{/m}}{{#s}}[{{s}}]{{/s}}{{^s}}none{{/s}}");
        Map<String, Object> scope = new HashMap<>();
        scope.put("flag", true);
        scope.put("m", Map.of("x", 1));
        scope.put("s", "why");
        assertEquals("F1[why]", t.render(scope));
        scope.put("flag", false);
        scope.put("s", null);
        assertEquals("1none", t.render(scope));
    }

    @Test
    void innerScopesSeeOuterNamesAndDotIsTheItem() {
        Template t = Template.parse("{{#xs}}{{p}}{{.}};{{/xs}}");
        assertEquals("a1;a2;", t.render(Map.of("p", "a", "xs", List.of(1, 2))));
    }

    @Test
    void dottedNamesWalkIntoMaps() {
        assertEquals("7", Template.parse("{{a.b}}").render(Map.of("a", Map.of("b", 7))));
    }

    @Test
    void anUnknownNameIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("{{nope}}").render(Map.of()));
        assertEquals("no value for {{nope}}", e.getMessage());
    }

    @Test
    void mismatchedSectionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{{#a}}{{/b}}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{{#a}}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{{/a}}"));
    }
}
