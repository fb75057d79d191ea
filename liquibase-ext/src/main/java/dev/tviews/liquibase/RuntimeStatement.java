package dev.tviews.liquibase;

import liquibase.statement.AbstractSqlStatement;

/** A statement that installs or upgrades the tviews runtime in a schema: what update and update-sql share. */
abstract class RuntimeStatement extends AbstractSqlStatement {

    private final String schema;

    RuntimeStatement(String schema) {
        this.schema = schema;
    }

    String getSchema() {
        return schema;
    }

    @Override
    public boolean skipOnUnsupported() {
        return false;
    }

    @Override
    public String toString() {
        return "install or upgrade the tviews runtime in schema " + schema;
    }
}
