package dev.tviews.samples.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON text PostgreSQL returns for a jsonb value and prints it for people: an object or array that fits
 * on one line stays on one line, others get one member per line. Also lists a document's leaves by path, to show
 * what changed between two versions of a document.
 *
 * <p>Values are kept as {@link Map} (member order kept), {@link List}, and the scalar's JSON text
 * ({@link Scalar}), so numbers and strings print exactly as PostgreSQL wrote them.
 */
public final class Json {

    /** A scalar as JSON text: {@code "Alice"}, {@code 3}, {@code true}, {@code null}. */
    public record Scalar(String json) {

        /** The value without JSON quoting, for tables: {@code Alice}, {@code 3}. */
        public String plain() {
            return json.startsWith("\"") ? unescape(json.substring(1, json.length() - 1)) : json;
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses JSON text into maps, lists and {@link Scalar}s. */
    public static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length()) {
            throw json.error("end of input");
        }
        return value;
    }

    /** {@code value} printed within {@code width} columns where it can be, indented by two spaces per level. */
    public static List<String> format(Object value, int width) {
        List<String> lines = new ArrayList<>();
        write(value, "", "", "", width, lines);
        return lines;
    }

    /** Every leaf of {@code value} by path ({@code author.name}, {@code tags[0]}), in document order. */
    public static Map<String, String> leaves(Object value) {
        Map<String, String> leaves = new LinkedHashMap<>();
        collect(value, "", leaves);
        return leaves;
    }

    /** One line of JSON, members separated by {@code ", "} as PostgreSQL writes them. */
    public static String compact(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add(dev.tviews.common.support.Json.quote((String) k) + ": " + compact(v)));
            return "{" + String.join(", ", members) + "}";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(compact(v)));
            return "[" + String.join(", ", items) + "]";
        }
        return ((Scalar) value).json();
    }

    private static void write(Object value, String indent, String prefix, String suffix, int width, List<String> lines) {
        String oneLine = indent + prefix + compact(value) + suffix;
        if (oneLine.length() <= width || !(value instanceof Map<?, ?> || value instanceof List<?>)) {
            lines.add(oneLine);
            return;
        }
        boolean isMap = value instanceof Map<?, ?>;
        lines.add(indent + prefix + (isMap ? "{" : "["));
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> members.add(Map.entry((String) k, v)));
        } else {
            for (Object item : (List<?>) value) {
                members.add(new java.util.AbstractMap.SimpleEntry<>(null, item));
            }
        }
        for (int i = 0; i < members.size(); i++) {
            Map.Entry<String, Object> member = members.get(i);
            String memberPrefix = member.getKey() == null ? "" : dev.tviews.common.support.Json.quote(member.getKey()) + ": ";
            write(member.getValue(), indent + "  ", memberPrefix, i < members.size() - 1 ? "," : "", width, lines);
        }
        lines.add(indent + (isMap ? "}" : "]") + suffix);
    }

    private static void collect(Object value, String path, Map<String, String> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, path.isEmpty() ? (String) k : path + "." + k, leaves));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", leaves);
            }
        } else {
            leaves.put(path, ((Scalar) value).plain());
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        int start = pos;
        if (c == '"') {
            string();
        } else {
            while (pos < text.length() && ",}] \n\r\t".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("a value");
            }
        }
        return new Scalar(text.substring(start, pos));
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        elements('}', () -> {
            skipSpace();
            int start = pos;
            if (peek() != '"') {
                throw error("a member name");
            }
            string();
            String name = unescape(text.substring(start + 1, pos - 1));
            skipSpace();
            expect(':');
            map.put(name, value());
        });
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        elements(']', () -> list.add(value()));
        return list;
    }

    /** Reads the comma-separated elements of an object or array, from its opening bracket to {@code close}. */
    private void elements(char close, Runnable element) {
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            element.run();
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(close);
                return;
            }
        }
    }

    /** Moves past a string literal, escapes included. */
    private void string() {
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= text.length()) {
            throw error("the end of a string");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("Not JSON: expected " + expected + " at offset " + pos + " of " + text);
    }


    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
