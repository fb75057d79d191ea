package dev.tviews.common.support;

import java.sql.SQLException;

/** Database errors as the one-line messages tviews reports (logs, CLI, migration tools). */
public final class Errors {

    private Errors() {
    }

    /** The database's message without the driver's context lines (Where:, Position:, PL/pgSQL ...). */
    public static String oneLine(SQLException e) {
        return oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** {@code message} on one line, without the driver's context lines; "no message" for {@code null}. */
    public static String oneLine(String message) {
        if (message == null) {
            return "no message";
        }
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Where:") || l.startsWith("Position:") || l.startsWith("PL/pgSQL function")
                    || l.startsWith("SQL statement") || l.startsWith("Call getNextException")) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(l.startsWith("ERROR: ") ? l.substring(7) : l);
        }
        return out.toString();
    }

    /** {@code oneLine(e)} followed by its SQLSTATE, for messages that should say which error class it was. */
    public static String withState(SQLException e) {
        return oneLine(e) + " (SQLSTATE " + e.getSQLState() + ")";
    }

    /** The message of {@code e} and its causes, in one line, each said once. */
    public static String causes(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            m = m.replaceAll("\\s*\\R\\s*", " ");
            if (!message.toString().contains(m)) {
                message.append(message.length() == 0 ? "" : ": ").append(m);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && !message.toString().contains("SQLSTATE")) {
                message.append(" (SQLSTATE ").append(sql.getSQLState()).append(')');
            }
        }
        return message.toString();
    }
}
