package dev.tviews.samples.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading jsonb text, printing it for people, and listing its leaves by path. */
class JsonTest {

    private static final String POST = "{\"id\": \"p-1\", \"title\": \"Hello, \\\"TVIEWs\\\"\", "
            + "\"author\": {\"name\": \"Alice\", \"email\": \"alice@example.com\"}, \"tags\": [\"sql\", 2], \"draft\": false}";

    @Test
    void whatFitsStaysOnOneLineTheRestIsIndented() {
        assertThat(Json.format(Json.parse(POST), 200)).containsExactly(POST);
        assertThat(Json.format(Json.parse(POST), 50)).containsExactly(
                "{",
                "  \"id\": \"p-1\",",
                "  \"title\": \"Hello, \\\"TVIEWs\\\"\",",
                "  \"author\": {",
                "    \"name\": \"Alice\",",
                "    \"email\": \"alice@example.com\"",
                "  },",
                "  \"tags\": [\"sql\", 2],",
                "  \"draft\": false",
                "}");
    }

    @Test
    void leavesByPathWithPlainValues() {
        Map<String, String> leaves = Json.leaves(Json.parse(POST));

        assertThat(leaves).containsExactly(
                Map.entry("id", "p-1"),
                Map.entry("title", "Hello, \"TVIEWs\""),
                Map.entry("author.name", "Alice"),
                Map.entry("author.email", "alice@example.com"),
                Map.entry("tags[0]", "sql"),
                Map.entry("tags[1]", "2"),
                Map.entry("draft", "false"));
    }

    @Test
    void emptyContainersEscapesAndErrors() {
        Object value = Json.parse(" {\"a\": {}, \"b\": [], \"c\": null, \"d\": \"\\u00e9\\n\"} ");
        // Scalars print as PostgreSQL wrote them; their plain values are unescaped.
        assertThat(Json.compact(value)).isEqualTo("{\"a\": {}, \"b\": [], \"c\": null, \"d\": \"\\u00e9\\n\"}");
        assertThat(Json.leaves(value)).containsExactly(Map.entry("c", "null"), Map.entry("d", "é\n"));
        assertThat(Json.format(Json.parse("[1, 2]"), 3)).isEqualTo(List.of("[", "  1,", "  2", "]"));
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("expected ':' at offset 5");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("expected end of input");
    }
}
