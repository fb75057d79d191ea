package dev.tviews.liquibase;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.RuntimeScript;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import liquibase.Scope;
import liquibase.SingletonObject;
import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;

/**
 * Writes the runtime install script for {@link RuntimeScriptStatement}: nothing when the database
 * already has the current runtime in that schema, else the script, once per database per run.
 */
public class RuntimeScriptGenerator extends PostgresGenerator<RuntimeScriptStatement> {

    @Override
    public Sql[] generateSql(RuntimeScriptStatement statement, Database database,
                             SqlGeneratorChain<RuntimeScriptStatement> chain) {
        RuntimeScript script = RuntimeScript.load();
        String schema = statement.getSchema();
        String version = null;
        String installed = null;
        if (schema != null && database.getConnection() instanceof JdbcConnection) {
            try {
                RuntimeInstaller installer = new RuntimeInstaller(Connections.jdbc(database), script);
                version = installer.version();
                installed = installer.installedVersion(schema);
            } catch (SQLException | DatabaseException e) {
                Scope.getCurrentScope().getLog(RuntimeScriptGenerator.class)
                        .fine("Could not read the installed tviews runtime version: " + e.getMessage());
            }
            if (version != null && version.equals(installed)) {
                return EMPTY_SQL;
            }
        }
        // Liquibase also renders statements for its logs (shouldExecute=false): that is not the output.
        boolean output = !Boolean.FALSE.equals(Scope.getCurrentScope().get(Change.SHOULD_EXECUTE, Boolean.class));
        if (output && !Scope.getCurrentScope().getSingleton(WrittenScripts.class).markWritten(database)) {
            return EMPTY_SQL;
        }
        String comment = "-- tviews: install the tviews runtime" + (version == null ? "" : " " + version)
                + (schema == null ? "" : " into schema " + schema)
                + (installed == null ? "" : " (upgrading " + installed + ")") + "\n";
        return new Sql[] {new UnparsedSql(comment + TViewsSql.installScript(schema, script.text()))};
    }

    /** Databases this run has already written the install script for. */
    static final class WrittenScripts implements SingletonObject {
        private final Map<Database, Boolean> written = Collections.synchronizedMap(new WeakHashMap<>());

        /** Records that the script is written for {@code database}; false when it already was. */
        boolean markWritten(Database database) {
            return written.put(database, Boolean.TRUE) == null;
        }
    }
}
