package dev.tviews.samples.story;

import dev.tviews.common.support.TextTable;
import java.util.List;

/** How a sample migrates the blog: Flyway with the tviews callback, or Liquibase with the tviews change types. */
public interface Migration {

    /** The tool and its version, for the story's title: {@code Flyway 13.12.0}. */
    String tool();

    /**
     * Migrates {@code database}: creates the blog's tables and views and converts the tv_ tables into TVIEWs.
     *
     * @param logs tviews' log lines while migrating (the conversion report, where the tool sends it to the log)
     */
    Migrated migrate(SampleDatabase database, LogCapture logs) throws Exception;

    /**
     * What a migration did.
     *
     * @param applied      what the tool applied (Flyway's migrations, Liquibase's changeSets), as the story prints it
     * @param reportSource who wrote the report, and where a user finds it
     * @param report       tviews' report of the conversion: one line per entity and a summary, as logged
     */
    record Migrated(TextTable applied, String reportSource, List<String> report) {

        public Migrated {
            report = List.copyOf(report);
        }
    }
}
