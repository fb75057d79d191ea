package dev.tviews.samples.liquibase;

import dev.tviews.samples.story.SampleRunner;

/**
 * The integration guide's blog as a Liquibase changelog ({@code src/main/resources/db/changelog/blog.xml}) using the
 * tviews change types, run with the Liquibase Java API, then the story of what tviews does with it. Starts an
 * embedded PostgreSQL unless given {@code --url} (see {@code --help}).
 */
public final class LiquibaseBlog {

    private LiquibaseBlog() {
    }

    public static void main(String[] args) {
        SampleRunner.main(new LiquibaseMigration(), args);
    }
}
