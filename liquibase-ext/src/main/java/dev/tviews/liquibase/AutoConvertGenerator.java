package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * Generator of {@link AutoConvertStatement}: the statement runs itself through JDBC; the SQL given
 * here is its equivalent DO block, for Liquibase's logs.
 */
public class AutoConvertGenerator extends AbstractSqlGenerator<AutoConvertStatement> {

    @Override
    public boolean supports(AutoConvertStatement statement, Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public ValidationErrors validate(AutoConvertStatement statement, Database database,
                                     SqlGeneratorChain<AutoConvertStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(AutoConvertStatement statement, Database database,
                             SqlGeneratorChain<AutoConvertStatement> chain) {
        return new Sql[] {new UnparsedSql(
                TViewsSql.autoConvert(statement.getRuntimeSchema(), statement.getRequest(), statement.isFailOnError()))};
    }
}
