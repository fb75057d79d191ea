package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;

/**
 * Generator of {@link InstallRuntimeStatement}: the statement runs itself through JDBC, so there is
 * no SQL to generate; this only tells Liquibase that the statement is supported on PostgreSQL.
 */
public class InstallRuntimeGenerator extends PostgresGenerator<InstallRuntimeStatement> {

    @Override
    public Sql[] generateSql(InstallRuntimeStatement statement, Database database,
                             SqlGeneratorChain<InstallRuntimeStatement> chain) {
        return EMPTY_SQL;
    }
}
