package dev.tviews.liquibase;

import java.util.List;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * {@code createTView}: registers a TVIEW through {@code pg_tviews_create_or_replace}.
 */
@DatabaseChange(name = "createTView",
        description = "Creates a TVIEW: the view v_<entity> defined by the SELECT, and the table tv_<entity> that holds "
                + "exactly its rows, kept up to date incrementally in every transaction that writes the tables the SELECT "
                + "reads. The SELECT must output the integer key pk_<entity>; it may read tb_ tables and other TVIEWs' tv_ "
                + "tables. Running it again with another SELECT replaces the definition. Rolled back by dropTView.",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class CreateTViewChange extends EntityTViewChange {

    private String selectSql;
    private String options;

    @DatabaseChangeProperty(description = "The SELECT defining the TVIEW, as attribute or as nested selectSql element "
            + "(text or CDATA). It must output pk_<entity>; unqualified names resolve in the TVIEW's schema.",
            exampleValue = "SELECT pk_post, jsonb_build_object('title', title) AS data FROM tb_post",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getSelectSql() {
        return selectSql;
    }

    /**
     * Sets the SELECT, with common indentation and surrounding blank lines removed, so the same
     * SELECT gives the same checksum whether it came from an attribute, nested XML text or YAML.
     */
    public void setSelectSql(String selectSql) {
        this.selectSql = normalizeSql(selectSql);
    }

    @DatabaseChangeProperty(description = "Options as a JSON object: {\"full_refresh\": [\"public.tb_tag\"]} refreshes "
            + "the TVIEW in full when a relation without a derivable key mapping changes; {\"mode\": \"sync\"} is the default.",
            exampleValue = "{\"mode\": \"sync\"}", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getOptions() {
        return options;
    }

    public void setOptions(String options) {
        this.options = trimToNull(options);
    }

    @Override
    protected void validateProperties(ValidationErrors errors) {
        super.validateProperties(errors);
        if (selectSql == null) {
            errors.addError("createTView needs the SELECT that defines the TVIEW: attribute selectSql, or a nested "
                    + "<tviews:selectSql> element (YAML/JSON: the key selectSql), outputting pk_<entity>.");
        }
        if (options != null && !(options.startsWith("{") && options.endsWith("}"))) {
            errors.addError("createTView: options must be a JSON object such as {\"full_refresh\": [\"public.tb_tag\"]}, "
                    + "not " + options + ".");
        }
    }

    @Override
    protected List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema) {
        return List.of(new RawParameterizedSqlStatement(
                TViewsSql.createOrReplace(runtimeSchema, getEntityName(), selectSql, options)));
    }

    @Override
    protected Change[] createInverses() {
        DropTViewChange drop = new DropTViewChange();
        drop.setEntityName(getEntityName());
        return new Change[] {drop};
    }

    @Override
    public String getConfirmationMessage() {
        return "TVIEW " + getEntityName() + " created or replaced";
    }
}
