package dev.tviews.common.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An aligned plain-text table for terminals and logs: a header line (optionally a rule of dashes under it) and one
 * line per row, columns two spaces apart, each as wide as its widest cell. A column whose cells are all numbers
 * (or durations such as {@code 1.5 ms}) is right-aligned; lines carry no trailing blanks.
 */
public final class TextTable {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.,]*( ms| s)?");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<boolean[]> numbers = new ArrayList<>();
    private String nullText = "";
    private boolean rule;

    private TextTable(List<String> headers) {
        this.headers = headers;
    }

    public static TextTable of(String... headers) {
        return new TextTable(List.of(headers));
    }

    /** How {@code null} cells print (empty unless set). */
    public TextTable nullAs(String text) {
        this.nullText = text;
        return this;
    }

    /** Puts a rule of dashes under the header. */
    public TextTable withRule() {
        this.rule = true;
        return this;
    }

    /** Adds a row of one cell per column. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + headers + " needs " + headers.size() + " cells, got "
                    + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>();
        boolean[] number = new boolean[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String text = cells[c] == null ? nullText : cells[c].toString();
            row.add(text);
            number[c] = cells[c] instanceof Number || NUMBER.matcher(text).matches();
        }
        rows.add(row);
        numbers.add(number);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines. */
    public List<String> lines() {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (int r = 0; r < rows.size(); r++) {
                widths[c] = Math.max(widths[c], rows.get(r).get(c).length());
                numeric[c] &= numbers.get(r)[c];
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths, numeric));
        if (rule) {
            StringBuilder dashes = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                dashes.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
            }
            lines.add(dashes.toString());
        }
        for (List<String> row : rows) {
            lines.add(line(row, widths, numeric));
        }
        return lines;
    }

    /** Prints {@link #lines()}. */
    public void print(PrintWriter out) {
        lines().forEach(out::println);
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }
}
