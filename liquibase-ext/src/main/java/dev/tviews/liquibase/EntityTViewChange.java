package dev.tviews.liquibase;

import liquibase.change.DatabaseChangeProperty;
import liquibase.exception.ValidationErrors;

/**
 * A change that acts on one TVIEW, named by {@code entityName}: the property, and its check.
 */
abstract class EntityTViewChange extends TViewsChange {

    private String entityName;

    @DatabaseChangeProperty(description = "The entity: post (v_post and tv_post in the changelog's default schema), "
            + "tv_post, or schema-qualified app.post.",
            exampleValue = "post", requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getEntityName() {
        return entityName;
    }

    public void setEntityName(String entityName) {
        this.entityName = trimToNull(entityName);
    }

    /** Whether the change needs an entity; a change that can act on all TVIEWs says false. */
    protected boolean entityRequired() {
        return true;
    }

    @Override
    protected void validateProperties(ValidationErrors errors) {
        checkEntityName(errors, entityName, entityRequired());
    }
}
