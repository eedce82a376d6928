package org.mproc.reports.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Mustache subset, so the report's markup lives in one template resource and never in Java
 * strings. It escapes every value it substitutes unless told not to, and it is strict: a name that
 * no enclosing map holds is an error, so a typo in the template fails the tests instead of
 * rendering a blank.
 *
 * <pre>
 *   {{name}}            the value, HTML-escaped ("." is the current item)
 *   {{{name}}}          the value as is (for pre-escaped script and style text only)
 *   {{#name}}…{{/name}} a non-empty list: once per item; a map: once inside it; true or a non-empty string: once
 *   {{^name}}…{{/name}} once when the value is null, false, an empty list or an empty string
 * </pre>
 *
 * <pre>{@code
 * Template t = Template.parse("<ul>{{#rows}}<li>{{name}}</li>{{/rows}}{{^rows}}<li>none</li>{{/rows}}</ul>");
 * String html = t.render(Map.of("rows", List.of(Map.of("name", "a<b"))));   // <ul><li>a&lt;b</li></ul>
 * }</pre>
 *
 * Values are maps with string keys, lists, strings, numbers and booleans; dotted names walk into maps.
 */
final class Template {
    private static final Pattern TAG = Pattern.compile("\\{\\{\\{\\s*([\\w.]+)\\s*}}}|\\{\\{([#^/]?)\\s*([\\w.]+)\\s*}}");

    private sealed interface Node permits Text, Value, Section {}

    private record Text(String text) implements Node {}

    private record Value(String name, boolean escape) implements Node {}

    private record Section(String name, boolean inverted, List<Node> body) implements Node {}

    private final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses {@code source}; an unclosed or mismatched section is an {@link IllegalArgumentException}. */
    static Template parse(String source) {
        Deque<List<Node>> bodies = new ArrayDeque<>();
        Deque<Section> open = new ArrayDeque<>();
        List<Node> current = new ArrayList<>();
        Matcher m = TAG.matcher(source);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                current.add(new Text(source.substring(at, m.start())));
            }
            at = m.end();
            if (m.group(1) != null) {
                current.add(new Value(m.group(1), false));
                continue;
            }
            String sigil = m.group(2);
            String name = m.group(3);
            switch (sigil) {
                case "#", "^" -> {
                    Section s = new Section(name, sigil.equals("^"), new ArrayList<>());
                    current.add(s);
                    open.push(s);
                    bodies.push(current);
                    current = s.body();
                }
                case "/" -> {
                    if (open.isEmpty() || !open.peek().name().equals(name)) {
                        throw new IllegalArgumentException("{{/" + name + "}} at offset " + m.start()
                                + " closes " + (open.isEmpty() ? "nothing" : "{{#" + open.peek().name() + "}}"));
                    }
                    open.pop();
                    current = bodies.pop();
                }
                default -> current.add(new Value(name, true));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("{{#" + open.peek().name() + "}} is never closed");
        }
        if (at < source.length()) {
            current.add(new Text(source.substring(at)));
        }
        return new Template(List.copyOf(current));
    }

    /** Renders with {@code context} as the outermost scope. */
    String render(Map<String, ?> context) {
        StringBuilder out = new StringBuilder();
        Deque<Object> scopes = new ArrayDeque<>();
        scopes.push(context);
        render(nodes, scopes, out);
        return out.toString();
    }

    private static void render(List<Node> nodes, Deque<Object> scopes, StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Value v) {
                String text = String.valueOf(lookup(v.name(), scopes));
                out.append(v.escape() ? escapeHtml(text) : text);
            } else if (node instanceof Section s) {
                renderSection(s, lookup(s.name(), scopes), scopes, out);
            }
        }
    }

    private static void renderSection(Section s, Object value, Deque<Object> scopes, StringBuilder out) {
        boolean empty = value == null || Boolean.FALSE.equals(value)
                || (value instanceof List<?> l && l.isEmpty()) || (value instanceof String str && str.isEmpty());
        if (s.inverted() || empty) {
            if (s.inverted() && empty) {
                render(s.body(), scopes, out);
            }
            return;
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                scopes.push(item);
                render(s.body(), scopes, out);
                scopes.pop();
            }
        } else if (value instanceof Map<?, ?>) {
            scopes.push(value);
            render(s.body(), scopes, out);
            scopes.pop();
        } else {
            render(s.body(), scopes, out);
        }
    }

    private static Object lookup(String name, Deque<Object> scopes) {
        if (name.equals(".")) {
            return scopes.peek();
        }
        String[] path = name.split("\\.");
        for (Object scope : scopes) {
            if (scope instanceof Map<?, ?> map && map.containsKey(path[0])) {
                Object value = map.get(path[0]);
                for (int i = 1; i < path.length; i++) {
                    if (!(value instanceof Map<?, ?> inner) || !inner.containsKey(path[i])) {
                        throw new IllegalArgumentException("no value for {{" + name + "}}");
                    }
                    value = inner.get(path[i]);
                }
                return value;
            }
        }
        throw new IllegalArgumentException("no value for {{" + name + "}}");
    }

    /** Escapes the five characters that matter in HTML text and quoted attributes. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
