package dev.tviews.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: a header line and one line per row, columns separated by two spaces. A column
 * whose cells are all numbers is right-aligned; {@code null} cells print as {@code n/a}; the last column is not
 * padded (no trailing blanks).
 */
public final class TextTable {

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("A row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    public void print(PrintWriter out) {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
        }
        for (Object[] row : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], text(row[i]).length());
                numeric[i] &= row[i] instanceof Number;
            }
        }
        line(out, headers.toArray(), width, numeric);
        for (Object[] row : rows) {
            line(out, row, width, numeric);
        }
    }

    private static void line(PrintWriter out, Object[] cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String text = text(cells[i]);
            boolean last = i == cells.length - 1;
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[i] - text.length());
            if (numeric[i]) {
                line.append(pad).append(text);
            } else {
                line.append(text);
                if (!last) {
                    line.append(pad);
                }
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String text(Object cell) {
        return cell == null ? "n/a" : cell.toString();
    }
}
