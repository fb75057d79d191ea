package dev.tviews.liquibase;

import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.TViewsException;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.ExecutablePreparedStatement;

/**
 * Installs or upgrades the tviews runtime in the changeSet's transaction, through
 * {@link RuntimeInstaller}: a read of the version marker when the runtime is current.
 * Used by {@code update}; {@code update-sql} shows {@link RuntimeScriptStatement} instead.
 */
final class InstallRuntimeStatement extends RuntimeStatement implements ExecutablePreparedStatement {

    private final Database database;

    InstallRuntimeStatement(Database database, String schema) {
        super(schema);
        this.database = database;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        try {
            // RuntimeInstaller logs installs and upgrades itself (SLF4J).
            InstallResult result = new RuntimeInstaller(Connections.jdbc(database)).install(getSchema());
            Scope.getCurrentScope().getLog(getClass()).fine(result.toString());
        } catch (TViewsException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
