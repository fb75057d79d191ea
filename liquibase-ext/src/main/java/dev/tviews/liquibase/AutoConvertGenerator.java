package dev.tviews.liquibase;

import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;

/**
 * Generator of {@link AutoConvertStatement}: the statement runs itself through JDBC; the SQL given
 * here is its equivalent DO block, for Liquibase's logs.
 */
public class AutoConvertGenerator extends PostgresGenerator<AutoConvertStatement> {

    @Override
    public Sql[] generateSql(AutoConvertStatement statement, Database database,
                             SqlGeneratorChain<AutoConvertStatement> chain) {
        return new Sql[] {new UnparsedSql(
                TViewsSql.autoConvert(statement.getRuntimeSchema(), statement.getRequest(), statement.isFailOnError()))};
    }
}
