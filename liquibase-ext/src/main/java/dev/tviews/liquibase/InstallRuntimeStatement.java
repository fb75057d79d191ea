package dev.tviews.liquibase;

import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.TViewsException;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

/**
 * Installs or upgrades the tviews runtime in the changeSet's transaction, through
 * {@link RuntimeInstaller}: a read of the version marker when the runtime is current.
 * Used by {@code update}; {@code update-sql} shows {@link RuntimeScriptStatement} instead.
 */
final class InstallRuntimeStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final String schema;

    InstallRuntimeStatement(Database database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    String getSchema() {
        return schema;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        try {
            // RuntimeInstaller logs installs and upgrades itself (SLF4J).
            InstallResult result = new RuntimeInstaller(Connections.jdbc(database)).install(schema);
            Scope.getCurrentScope().getLog(getClass()).fine(result.toString());
        } catch (TViewsException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
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
