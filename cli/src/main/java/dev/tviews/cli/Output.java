package dev.tviews.cli;

import dev.tviews.common.support.Json;
import java.io.PrintWriter;

/**
 * Where a command writes: results on stdout (tables, or one JSON document with {@code --json}), progress on stdout
 * for people and on stderr when stdout carries JSON, notes on stderr.
 *
 * @param out  stdout
 * @param err  stderr
 * @param json whether {@code --json} was given
 */
public record Output(PrintWriter out, PrintWriter err, boolean json) {

    /** Prints {@code value} as one JSON document on stdout. */
    public void printJson(Object value) {
        out.print(Json.pretty(value));
        out.flush();
    }

    /** A progress line, shown at once. */
    public void progress(String line) {
        PrintWriter to = json ? err : out;
        to.println(line);
        to.flush();
    }

    /** A note for the user on stderr (prefixed {@code tviews: }), which never mixes with the result. */
    public void note(String line) {
        err.println("tviews: " + line);
        err.flush();
    }
}
