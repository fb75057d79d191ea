package dev.tviews.liquibase;

import java.util.List;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * {@code refreshTView}: rebuilds one TVIEW ({@code pg_tviews_refresh}) or all of them
 * ({@code pg_tviews_refresh_all}).
 */
@DatabaseChange(name = "refreshTView",
        description = "Rebuilds a TVIEW in full from its view, writing only the rows that differ; without entityName, "
                + "rebuilds every registered TVIEW, readers after the TVIEWs they read. Useful after loading data with "
                + "triggers suspended, or after changing a function a view calls.",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class RefreshTViewChange extends EntityTViewChange {

    @Override
    @DatabaseChangeProperty(description = "The entity to refresh (post, tv_post, app.post); leave it out to refresh all.",
            exampleValue = "post", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getEntityName() {
        return super.getEntityName();
    }

    @Override
    protected boolean entityRequired() {
        return false;
    }

    @Override
    protected List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema) {
        return List.of(new RawParameterizedSqlStatement(getEntityName() == null
                ? TViewsSql.refreshAll(runtimeSchema)
                : TViewsSql.refresh(runtimeSchema, getEntityName())));
    }

    /** A refresh recomputes what the TVIEW already should hold: rolling it back has nothing to undo. */
    @Override
    protected Change[] createInverses() {
        return new Change[0];
    }

    @Override
    public String getConfirmationMessage() {
        return getEntityName() == null ? "All TVIEWs refreshed" : "TVIEW " + getEntityName() + " refreshed";
    }
}
