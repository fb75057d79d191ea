package dev.tviews.samples.story;

import dev.tviews.common.support.TextTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/** Prints a sample's story: numbered headings, indented notes, aligned tables and JSON documents. */
public final class StoryPrinter {

    /** Lines of text wrap after this many columns. */
    static final int WIDTH = 120;

    /** JSON objects that fit in this many columns stay on one line. */
    static final int JSON_WIDTH = 80;

    private final PrintStream out;
    private int section;

    public StoryPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The story's title, once at the top. */
    public void title(String text) {
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    /** A numbered heading, after a blank line. */
    public void section(String text) {
        out.println();
        out.println("== " + (++section) + ". " + text);
    }

    /**
     * A line of text, indented under the heading. Past {@link #WIDTH} columns it wraps, before a parenthesis if
     * there is one to wrap at, else at a space.
     */
    public void note(String text) {
        String rest = text;
        String indent = "  ";
        while (indent.length() + rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(" (", WIDTH - indent.length());
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', WIDTH - indent.length());
            }
            if (cut <= 0) {
                break;
            }
            out.println(indent + rest.substring(0, cut));
            rest = rest.substring(cut + 1);
            indent = "      ";
        }
        out.println(indent + rest);
    }

    public void blank() {
        out.println();
    }

    public void lines(List<String> lines) {
        lines.forEach(this::note);
    }

    public void table(TextTable table) {
        lines(table.lines());
    }

    /** A jsonb value as PostgreSQL returned it, printed with {@link Json#format}. */
    public void json(String jsonText) {
        for (String line : Json.format(Json.parse(jsonText), JSON_WIDTH)) {
            out.println("    " + line);
        }
    }

    public void flush() {
        out.flush();
    }
}
