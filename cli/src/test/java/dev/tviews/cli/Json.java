package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Strict JSON parsing of the tool's stdout: exactly one document, nothing after it. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static JsonNode parse(Cli.Run run) {
        assertThat(run.out()).as("stdout of %s", run).isNotBlank();
        try {
            return MAPPER.readTree(run.out());
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + run, e);
        }
    }

    /** {@link #parse} of a run that must have succeeded (exit 0). */
    static JsonNode parseSucceeded(Cli.Run run) {
        assertThat(run.exitCode()).as("%s", run).isZero();
        return parse(run);
    }

    /** {@link #parse} of a run that must have failed (exit 1): the document says what went wrong. */
    static JsonNode parseFailed(Cli.Run run) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCode.FAILED);
        return parse(run);
    }

    /** The text of {@code field} of every element of the array {@code array}. */
    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.get(field).asText()));
        return values;
    }
}
