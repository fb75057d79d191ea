package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;
import liquibase.statement.SqlStatement;

/**
 * What the tviews generators share: they support PostgreSQL only, and their statements need no validation of their
 * own (the change types validated their attributes).
 */
abstract class PostgresGenerator<S extends SqlStatement> extends AbstractSqlGenerator<S> {

    @Override
    public boolean supports(S statement, Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public ValidationErrors validate(S statement, Database database, SqlGeneratorChain<S> chain) {
        return new ValidationErrors();
    }
}
