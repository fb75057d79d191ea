package dev.tviews.liquibase;

import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * {@code autoConvertTViews} (also {@code autoConvert}): turns every tv_ table of a schema into a
 * TVIEW through {@code pg_tviews_auto_convert}, reporting one line per entity.
 */
@DatabaseChange(name = "autoConvertTViews",
        description = "Converts every tv_<entity> table of a schema into a TVIEW: defined by v_<entity> when you wrote "
                + "one, else by a generated view over tb_<entity> shaped to the tv_ table (pk_<entity>, same-named "
                + "columns, data as a JSONB object of tb_<entity>'s columns). Entities whose definition and tables did not "
                + "change are left alone, so it is cheap to run after every update (runAlways=\"true\"). Logs one line per "
                + "entity: CREATED, UNCHANGED, REPLACED, SKIPPED (why) or ERROR (message).",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AutoConvertTViewsChange extends TViewsChange {

    private String schemaName;
    private Boolean failOnError;

    @DatabaseChangeProperty(description = "The schema whose tv_ tables are converted; defaults to the changelog's "
            + "default schema.", exampleValue = "public", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getSchemaName() {
        return schemaName;
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = trimToNull(schemaName);
    }

    @DatabaseChangeProperty(description = "When true (the default), any entity that fails to convert fails the "
            + "changeSet, which then rolls back; when false, failures are logged as warnings and the others are kept.",
            exampleValue = "true", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getFailOnError() {
        return failOnError;
    }

    public void setFailOnError(Boolean failOnError) {
        this.failOnError = failOnError;
    }

    /** Whether a failed entity fails the changeSet (true unless failOnError="false"). */
    boolean failsOnError() {
        return !Boolean.FALSE.equals(failOnError);
    }

    @Override
    protected void validateProperties(ValidationErrors errors) {
        // Every property is optional and any schema name is acceptable; the runtime reports a missing schema.
    }

    @Override
    protected List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema) {
        String schema = schemaName != null ? schemaName : runtimeSchema != null ? runtimeSchema : "public";
        if (sqlOutputOnly(database)) {
            return List.of(new RawParameterizedSqlStatement(TViewsSql.autoConvert(runtimeSchema, schema, failsOnError())));
        }
        return List.of(new AutoConvertStatement(database, runtimeSchema, schema, failsOnError()));
    }

    @Override
    public String getConfirmationMessage() {
        return "tv_ tables of " + (schemaName != null ? "schema " + schemaName : "the default schema") + " converted to TVIEWs";
    }
}
