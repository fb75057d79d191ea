package dev.tviews.samples.flyway;

import dev.tviews.common.support.TextTable;
import dev.tviews.flyway.TViewsCallback;
import dev.tviews.samples.story.LogCapture;
import dev.tviews.samples.story.Migration;
import dev.tviews.samples.story.SampleDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the blog the way an application does with Flyway: {@code classpath:db/migration}, and the tviews
 * callback registered with {@code callbacks(new TViewsCallback())}. After migrate the callback installs the tviews
 * runtime and converts the tv_ tables; its report goes to the log (SLF4J), where the sample picks it up.
 */
final class FlywayMigration implements Migration {

    @Override
    public String tool() {
        return "Flyway " + flywayVersion();
    }

    /** Flyway's version, from the Maven metadata in its jar. */
    static String flywayVersion() {
        Properties pom = new Properties();
        try (InputStream in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in != null) {
                pom.load(in);
            }
        } catch (IOException e) {
            // Only the title loses the version.
        }
        return pom.getProperty("version", "(version unknown)");
    }

    @Override
    public Migrated migrate(SampleDatabase database, LogCapture logs) {
        Flyway flyway = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration")
                .callbacks(new TViewsCallback())
                .load();
        logs.drain();
        MigrateResult result = flyway.migrate();
        TextTable applied = TextTable.of("version", "description", "type", "time").withRule();
        for (MigrateOutput migration : result.migrations) {
            applied.row(migration.version, migration.description, migration.type,
                    String.format(Locale.ROOT, "%d ms", migration.executionTime));
        }
        return new Migrated(applied, "the tviews callback, in Flyway's log", logs.drain());
    }
}
