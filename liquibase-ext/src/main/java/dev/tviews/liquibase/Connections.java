package dev.tviews.liquibase;

import java.sql.Connection;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/** The JDBC connection under a Liquibase {@link Database}. */
final class Connections {

    private Connections() {
    }

    /** The connection Liquibase runs the changeSet on; never committed, rolled back or closed by tviews. */
    static Connection jdbc(Database database) throws DatabaseException {
        DatabaseConnection connection = database.getConnection();
        if (connection instanceof JdbcConnection) {
            return ((JdbcConnection) connection).getUnderlyingConnection();
        }
        throw new DatabaseException("tviews needs a JDBC connection to PostgreSQL, but Liquibase has "
                + (connection == null ? "no connection" : connection.getClass().getName())
                + "; use update-sql to write the SQL out instead.");
    }
}
