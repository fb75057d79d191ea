package dev.tviews.common;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in the caller's transaction when the connection has auto-commit off (Flyway's and
 * Liquibase's connections: never committed, rolled back or closed here), or in a transaction of
 * its own when auto-commit is on, committed on success and rolled back on failure.
 */
public final class TransactionScope {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionScope.class);

    /** Work that needs a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private TransactionScope() {
    }

    public static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        if (!ownTransaction) {
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                // logged, not thrown: the original failure is the one that matters
                LOG.warn("Rolling back after a failure failed too: {}", rollbackFailure.getMessage());
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
