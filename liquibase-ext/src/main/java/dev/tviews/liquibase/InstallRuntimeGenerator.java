package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * Generator of {@link InstallRuntimeStatement}: the statement runs itself through JDBC, so there is
 * no SQL to generate; this only tells Liquibase that the statement is supported on PostgreSQL.
 */
public class InstallRuntimeGenerator extends AbstractSqlGenerator<InstallRuntimeStatement> {

    @Override
    public boolean supports(InstallRuntimeStatement statement, Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public ValidationErrors validate(InstallRuntimeStatement statement, Database database,
                                     SqlGeneratorChain<InstallRuntimeStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(InstallRuntimeStatement statement, Database database,
                             SqlGeneratorChain<InstallRuntimeStatement> chain) {
        return EMPTY_SQL;
    }
}
