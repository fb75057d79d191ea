package dev.tviews.liquibase;

import dev.tviews.common.ConversionRequest;
import java.util.Arrays;
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
    private String include;
    private String exclude;
    private Boolean failOnError;

    @DatabaseChangeProperty(description = "The schema whose tv_ tables are converted; defaults to the changelog's "
            + "default schema.", exampleValue = "public", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getSchemaName() {
        return schemaName;
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = trimToNull(schemaName);
    }

    @DatabaseChangeProperty(description = "Comma-separated glob patterns of the entities to convert (post*, u?er; "
            + "blog.* matches schema.entity); default: all.", exampleValue = "post*,user", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = trimToNull(include);
    }

    @DatabaseChangeProperty(description = "Comma-separated glob patterns of the entities to leave alone; wins over "
            + "include.", exampleValue = "audit_*", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = trimToNull(exclude);
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
        for (String pattern : concat(patterns(include), patterns(exclude))) {
            if (!pattern.matches("[A-Za-z0-9_*?]+(\\.[A-Za-z0-9_*?]+)?")) {
                errors.addError("autoConvert: " + pattern + " is not an entity pattern; use letters, digits, underscores, "
                        + "* and ?, with at most one dot to match schema.entity");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Override
    protected List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema) {
        String schema = schemaName != null ? schemaName : runtimeSchema != null ? runtimeSchema : "public";
        ConversionRequest request = ConversionRequest.of(schema).filtered(patterns(include), patterns(exclude));
        if (sqlOutputOnly(database)) {
            return List.of(new RawParameterizedSqlStatement(TViewsSql.autoConvert(runtimeSchema, request, failsOnError())));
        }
        return List.of(new AutoConvertStatement(database, runtimeSchema, request, failsOnError()));
    }

    private static List<String> patterns(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    @Override
    public String getConfirmationMessage() {
        return "tv_ tables of " + (schemaName != null ? "schema " + schemaName : "the default schema") + " converted to TVIEWs";
    }
}
