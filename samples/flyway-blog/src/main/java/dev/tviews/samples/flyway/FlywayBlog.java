package dev.tviews.samples.flyway;

import dev.tviews.samples.story.SampleRunner;

/**
 * The integration guide's blog as Flyway migrations ({@code src/main/resources/db/migration}), migrated with the
 * Flyway Java API and the tviews callback, then the story of what tviews does with it. Starts an embedded
 * PostgreSQL unless given {@code --url} (see {@code --help}).
 */
public final class FlywayBlog {

    private FlywayBlog() {
    }

    public static void main(String[] args) {
        SampleRunner.main(new FlywayMigration(), args);
    }
}
