package dev.tviews.common.runtime;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Runs one of {@link RandomStatements}' statements, COPY included. In a transaction, each statement runs
 * in a savepoint, so that one refused by a constraint (SQLSTATE class 23) leaves the transaction usable.
 */
final class StatementRunner {

    private StatementRunner() {
    }

    /** Runs {@code sql}; false when a constraint refused it, an exception for any other failure. */
    static boolean run(Connection c, String sql) throws SQLException {
        boolean inTransaction = !c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            if (inTransaction) {
                st.execute("SAVEPOINT stmt");
            }
            try {
                if (sql.startsWith("COPY ")) {
                    String[] parts = sql.split("\n", 2);
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(parts[0], new StringReader(parts[1]));
                } else {
                    st.execute(sql);
                }
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw new SQLException("Statement failed: " + sql + ": " + e.getMessage(), e.getSQLState(), e);
                }
                if (inTransaction) {
                    st.execute("ROLLBACK TO SAVEPOINT stmt");
                }
                return false;
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + sql + ": " + e.getMessage(), e);
            }
            if (inTransaction) {
                st.execute("RELEASE SAVEPOINT stmt");
            }
            return true;
        }
    }
}
