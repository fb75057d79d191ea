package dev.tviews.liquibase;

import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * {@code dropTView}: removes a TVIEW through {@code pg_tviews_drop}.
 */
@DatabaseChange(name = "dropTView",
        description = "Drops a TVIEW: its maintenance triggers, its backing view v_<entity> and its registration. The "
                + "table tv_<entity> is dropped when tviews created it, and kept as a plain table when it was yours "
                + "(e.g. converted by autoConvert). Fails when TVIEWs read it, unless cascade.",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class DropTViewChange extends EntityTViewChange {

    private Boolean ifExists;
    private Boolean cascade;

    @DatabaseChangeProperty(description = "When true, an entity that is not registered is skipped with a notice; "
            + "when false (the default), it fails the changeSet.",
            exampleValue = "true", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getIfExists() {
        return ifExists;
    }

    public void setIfExists(Boolean ifExists) {
        this.ifExists = ifExists;
    }

    @DatabaseChangeProperty(description = "When true, TVIEWs that read this one are dropped first; when false (the "
            + "default), their existence fails the changeSet.",
            exampleValue = "false", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getCascade() {
        return cascade;
    }

    public void setCascade(Boolean cascade) {
        this.cascade = cascade;
    }

    @Override
    protected List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema) {
        return List.of(new RawParameterizedSqlStatement(TViewsSql.drop(runtimeSchema, getEntityName(),
                Boolean.TRUE.equals(ifExists), Boolean.TRUE.equals(cascade))));
    }

    @Override
    public String getConfirmationMessage() {
        return "TVIEW " + getEntityName() + " dropped" + (Boolean.TRUE.equals(ifExists) ? " (if it existed)" : "")
                + (Boolean.TRUE.equals(cascade) ? " with the TVIEWs reading it" : "");
    }
}
