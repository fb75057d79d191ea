package dev.tviews.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeFactory;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.statement.SqlStatement;

/**
 * What every tviews change type shares: PostgreSQL only, the runtime installed (or upgraded) before
 * the change's own statements, and validation that reports every problem at once.
 *
 * <p>The runtime lives in the changelog's default schema ({@link Database#getDefaultSchemaName()});
 * the runtime's functions are called schema-qualified, so the session's search_path does not matter.
 */
abstract class TViewsChange extends AbstractChange {

    /** The XML namespace of the tviews change types. */
    static final String NAMESPACE = "http://tviews.dev/xml/ns/tviews";

    /** Entity names the runtime accepts: post, tv_post, app.post, app.tv_post. */
    private static final Pattern ENTITY_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public String getSerializedObjectNamespace() {
        return NAMESPACE;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors(this);
        if (database != null && !supports(database)) {
            errors.addError(changeName() + " runs on PostgreSQL only, not on " + database.getDisplayName()
                    + ": add dbms=\"postgresql\" to its changeSet, or remove it.");
        }
        validateProperties(errors);
        return errors;
    }

    /** Adds an error for each invalid or missing property, saying how to fix it. */
    protected abstract void validateProperties(ValidationErrors errors);

    @Override
    public final SqlStatement[] generateStatements(Database database) {
        String runtimeSchema = runtimeSchema(database);
        List<SqlStatement> statements = new ArrayList<>();
        statements.add(sqlOutputOnly(database)
                ? new RuntimeScriptStatement(runtimeSchema)
                : new InstallRuntimeStatement(database, runtimeSchema));
        statements.addAll(generateChangeStatements(database, runtimeSchema));
        return statements.toArray(new SqlStatement[0]);
    }

    /** The change's own statements, run after the runtime is installed in {@code runtimeSchema}. */
    protected abstract List<SqlStatement> generateChangeStatements(Database database, String runtimeSchema);

    /** The schema holding the runtime: the changelog's default schema ({@code null} when unknown, offline). */
    static String runtimeSchema(Database database) {
        return database == null ? null : database.getDefaultSchemaName();
    }

    /**
     * Whether statements are only written out ({@code update-sql}, {@code rollback-sql}, offline), not
     * run: then the runtime install is shown as SQL instead of being run through JDBC.
     */
    static boolean sqlOutputOnly(Database database) {
        if (database == null || database.getConnection() == null || database.getConnection() instanceof OfflineConnection) {
            return true;
        }
        return Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database) instanceof LoggingExecutor;
    }

    /** The name this change has in changelogs (createTView, autoConvert, ...). */
    protected String changeName() {
        return Scope.getCurrentScope().getSingleton(ChangeFactory.class).getChangeMetaData(this).getName();
    }

    /** Checks an entity name: required or optional, and in a form the runtime accepts. */
    protected void checkEntityName(ValidationErrors errors, String entityName, boolean required) {
        if (entityName == null || entityName.isBlank()) {
            if (required) {
                errors.addError(changeName() + " needs entityName: the entity whose TVIEW tv_<entity> it acts on, "
                        + "e.g. entityName=\"post\" (or tv_post, or app.post for another schema).");
            }
        } else if (!ENTITY_NAME.matcher(entityName).matches()) {
            errors.addError(changeName() + ": entityName \"" + entityName + "\" is not a plain name; use letters, digits "
                    + "and underscores, optionally schema-qualified: post, tv_post, app.post.");
        }
    }

    /**
     * Multi-line SQL in one canonical layout, so that the same SELECT gives the same text (and so the
     * same checksum) as an XML attribute, as nested XML text (whose first line Liquibase trims, while
     * the others keep the element's indentation), as a YAML block or as a JSON string: surrounding
     * blank lines and trailing spaces removed, the first line without indentation, the other lines
     * without the indentation they all share. {@code null} when blank.
     */
    static String normalizeSql(String sql) {
        if (sql == null || sql.isBlank()) {
            return null;
        }
        String text = sql.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0 && text.substring(start, nl).isBlank(); nl = text.indexOf('\n', start)) {
            start = nl + 1;
        }
        text = text.substring(start);
        int firstBreak = text.indexOf('\n');
        if (firstBreak < 0) {
            return text.strip();
        }
        return text.substring(0, firstBreak).strip() + "\n" + text.substring(firstBreak + 1).stripIndent();
    }

    /** {@code text} without surrounding whitespace, {@code null} when blank. */
    static String trimToNull(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
