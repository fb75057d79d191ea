package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import liquibase.command.CommandScope;
import org.junit.jupiter.api.Test;

/** Mistakes in changelogs are refused before anything runs, with messages that say what to fix. */
@PostgresTest
class ValidationTest {

    @Test
    void xsdRefusesAMissingRequiredAttribute(TestDatabase db) {
        assertThatThrownBy(() -> Liquibases.update(db, "e2e/invalid-xsd/changeLog.xml"))
                .hasMessageContaining("Error parsing line 13")
                .hasMessageContaining("e2e/invalid-xsd/changeLog.xml")
                .hasMessageContaining("Attribute 'entityName' must appear on element 'tviews:dropTView'");
    }

    @Test
    void xsdRefusesAMisspeltAttribute(TestDatabase db) {
        assertThatThrownBy(() -> Liquibases.update(db, "e2e/invalid-xsd/changeLog-unknown-attribute.xml"))
                .hasMessageContaining("Attribute 'selectSQL' is not allowed to appear in element 'tviews:createTView'");
    }

    @Test
    void validationReportsEveryProblemWithItsFix(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> Liquibases.update(db, "e2e/invalid-properties/changeLog.yaml"))
                .hasMessageContaining("createTView needs entityName: the entity whose TVIEW tv_<entity> it acts on, e.g. entityName=\"post\"")
                .hasMessageContaining("createTView needs the SELECT that defines the TVIEW: attribute selectSql, or a nested <tviews:selectSql> element")
                .hasMessageContaining("createTView: options must be a JSON object such as {\"full_refresh\": [\"public.tb_tag\"]}, not full_refresh.")
                .hasMessageContaining("dropTView: entityName \"post; DROP TABLE tb_post\" is not a plain name; use letters, digits and underscores");
        assertThat(Jdbc.string(db, "SELECT to_regclass('public.pg_tview_runtime')::text")).isNull();
    }

    @Test
    void otherDatabasesAreRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandScope updateSql = new CommandScope("updateSql")
                .addArgumentValue("url", "offline:mysql")
                .addArgumentValue("changelogFile", "e2e/drop-unknown/changeLog.xml")
                .setOutput(out);
        assertThatThrownBy(() -> Liquibases.run(updateSql))
                .hasMessageContaining("dropTView runs on PostgreSQL only, not on mysql: add dbms=\"postgresql\" to its changeSet, or remove it.");
    }
}
