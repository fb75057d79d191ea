package dev.tviews.common.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario file split into statements. A statement ends with a semicolon outside quotes, dollar
 * quotes and comments. Lines of the form {@code --! expect <row>} or {@code --! error <SQLSTATE>}
 * written before a statement (with nothing but whitespace or comments since the previous one)
 * are that statement's expectations: each {@code expect} line is one result row, its columns
 * joined by {@code |}, NULL written as {@code <null>}; {@code error} says the statement must fail
 * with that SQLSTATE. {@code --! requires postgresql <major>} anywhere in the file skips the
 * scenario on older servers (for syntax they lack). Other comments are ignored.
 */
record ScenarioScript(String name, List<Step> steps, int minServerMajor) {

    /** One statement, the line it starts on, and what it must produce. */
    record Step(int line, String sql, List<String> expectedRows, String expectedState) {

        boolean checksRows() {
            return !expectedRows.isEmpty();
        }
    }

    static ScenarioScript parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        List<String> expect = new ArrayList<>();
        String error = null;
        int minMajor = 0;
        StringBuilder sql = new StringBuilder();
        int startLine = 0;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            boolean blank = sql.toString().isBlank();
            if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                String comment = text.substring(i, end);
                if (blank && comment.startsWith("--!")) {
                    String directive = comment.substring(3).trim();
                    if (directive.startsWith("expect ")) {
                        expect.add(directive.substring("expect ".length()));
                    } else if (directive.equals("expect")) {
                        expect.add("");
                    } else if (directive.startsWith("requires postgresql ")) {
                        minMajor = Integer.parseInt(directive.substring("requires postgresql ".length()).trim());
                    } else if (directive.startsWith("error ")) {
                        error = directive.substring("error ".length()).trim();
                    } else {
                        throw new IllegalArgumentException(name + ":" + line + ": unknown directive " + comment);
                    }
                } else if (!blank) {
                    sql.append(comment);
                }
                i = end;
                continue;
            }
            if (blank && !Character.isWhitespace(ch)) {
                startLine = line;
                sql.setLength(0);
            }
            if (ch == '\'' || ch == '"') {
                int end = closingQuote(text, i, ch);
                line += count(text, i, end);
                sql.append(text, i, end);
                i = end;
                continue;
            }
            if (ch == '$') {
                int tagEnd = dollarTagEnd(text, i);
                if (tagEnd > 0) {
                    String tag = text.substring(i, tagEnd);
                    int close = text.indexOf(tag, tagEnd);
                    if (close < 0) {
                        throw new IllegalArgumentException(name + ":" + line + ": unterminated " + tag);
                    }
                    int end = close + tag.length();
                    line += count(text, i, end);
                    sql.append(text, i, end);
                    i = end;
                    continue;
                }
            }
            if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(text, i, end);
                i = end;
                continue;
            }
            if (ch == ';') {
                if (!sql.toString().isBlank()) {
                    steps.add(new Step(startLine, sql.toString().trim(), List.copyOf(expect), error));
                } else if (!expect.isEmpty() || error != null) {
                    throw new IllegalArgumentException(name + ":" + line + ": expectation without a statement");
                }
                sql.setLength(0);
                expect.clear();
                error = null;
                i++;
                continue;
            }
            if (ch == '\n') {
                line++;
            }
            if (!blank || !Character.isWhitespace(ch)) {
                sql.append(ch);
            }
            i++;
        }
        if (!sql.toString().isBlank()) {
            throw new IllegalArgumentException(name + ": the last statement has no semicolon: " + sql);
        }
        return new ScenarioScript(name, List.copyOf(steps), minMajor);
    }

    private static int closingQuote(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote at offset " + start);
    }

    /** The end of a dollar-quote tag starting at {@code start}, or -1 when {@code $} starts none ($1, a$b). */
    private static int dollarTagEnd(String text, int start) {
        if (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            return -1;
        }
        int i = start + 1;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_'
                || (i > start + 1 && Character.isDigit(text.charAt(i))))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
