package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.statement.AbstractSqlStatement;

/**
 * The runtime install as SQL, for {@code update-sql} and offline runs: {@link RuntimeScriptGenerator}
 * writes the install script once per run, and only when the database lacks the current runtime.
 */
final class RuntimeScriptStatement extends AbstractSqlStatement {

    private final Database database;
    private final String schema;

    RuntimeScriptStatement(Database database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    Database getDatabase() {
        return database;
    }

    String getSchema() {
        return schema;
    }

    @Override
    public boolean skipOnUnsupported() {
        return false;
    }

    @Override
    public String toString() {
        return "install or upgrade the tviews runtime in schema " + schema;
    }
}
