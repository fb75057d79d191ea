package dev.tviews.liquibase;


/**
 * The runtime install as SQL, for {@code update-sql} and offline runs: {@link RuntimeScriptGenerator}
 * writes the install script once per run, and only when the database lacks the current runtime.
 */
final class RuntimeScriptStatement extends RuntimeStatement {

    RuntimeScriptStatement(String schema) {
        super(schema);
    }
}
