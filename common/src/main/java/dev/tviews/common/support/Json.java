package dev.tviews.common.support;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON writer of tviews: maps (keys in iteration order), collections, strings, numbers, booleans and
 * {@code null}, compact ({@link #write}, for jsonb arguments) or indented two spaces per level ({@link #pretty}, for
 * people and {@code --json} output). Non-finite numbers have no JSON form and are written as {@code null}.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder();
    private final boolean indented;

    private Json(boolean indented) {
        this.indented = indented;
    }

    /** {@code value} as compact JSON: {@code {"a":[1,2]}}. */
    public static String write(Object value) {
        Json json = new Json(false);
        json.value(value, 0);
        return json.out.toString();
    }

    /** {@code value} as indented JSON, one member per line, with a final newline. */
    public static String pretty(Object value) {
        Json json = new Json(true);
        json.value(value, 0);
        return json.out.append('\n').toString();
    }

    /**
     * A JSON object to write, members in the order given: {@code object("entity", "post", "rows", 3)}. Values may be
     * {@code null}.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("object(...) takes key, value pairs; got " + keysAndValues.length + " arguments");
        }
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        Json json = new Json(false);
        json.string(text);
        return json.out.toString();
    }

    private void value(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            container('{', '}', map.isEmpty(), depth, () -> {
                Map.Entry<?, ?> e = it.next();
                string(String.valueOf(e.getKey()));
                out.append(indented ? ": " : ":");
                value(e.getValue(), depth + 1);
                return it.hasNext();
            });
        } else if (value instanceof Collection<?> list) {
            Iterator<?> it = list.iterator();
            container('[', ']', list.isEmpty(), depth, () -> {
                value(it.next(), depth + 1);
                return it.hasNext();
            });
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(!Double.isFinite(d) ? "null"
                    : d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d));
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else {
            string(value.toString());
        }
    }

    /** Writes the members of a map or list; {@code member} writes one and says whether more follow. */
    private void container(char open, char close, boolean empty, int depth, java.util.function.BooleanSupplier member) {
        out.append(open);
        if (empty) {
            out.append(close);
            return;
        }
        boolean more = true;
        while (more) {
            newline(depth + 1);
            more = member.getAsBoolean();
            if (more) {
                out.append(',');
            }
        }
        newline(depth);
        out.append(close);
    }

    private void newline(int depth) {
        if (indented) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
