package dev.tviews.samples.story;

import dev.tviews.common.support.Errors;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.Objects;

/**
 * Runs a blog sample from its command line: reads the options, opens the database (embedded unless
 * {@code --url}), lets the tool migrate, then tells the story. Exit codes: 0 done, 1 the run failed,
 * 2 the command line was wrong. Errors are one line on {@code err}.
 */
public final class SampleRunner {

    /** Loggers turned down to warnings while a sample runs (tviews' own lines are part of the story). */
    private static final String[] QUIET = {"org.flywaydb", "liquibase", "io.zonky", "org.postgresql"};

    private final Migration migration;
    private final PrintStream out;
    private final PrintStream err;

    public SampleRunner(Migration migration, PrintStream out, PrintStream err) {
        this.migration = Objects.requireNonNull(migration, "migration");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** A sample's {@code main}: runs it on the console and exits with its code when that is not 0. */
    public static void main(Migration migration, String... args) {
        int exit = new SampleRunner(migration, System.out, System.err).run(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the sample; returns the exit code. */
    public int run(String... args) {
        SampleOptions options;
        try {
            options = SampleOptions.parse(args);
        } catch (SampleOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(SampleOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println("The integration guide's blog with tviews, migrated with " + migration.tool() + ".");
            out.println(SampleOptions.USAGE);
            return 0;
        }
        StoryPrinter printer = new StoryPrinter(out);
        printer.title("tviews sample: the integration guide's blog, migrated with " + migration.tool());
        try (LogCapture logs = new LogCapture(QUIET); SampleDatabase database = SampleDatabase.open(options)) {
            printer.note("Database: " + database.description());
            Migration.Migrated migrated;
            try {
                migrated = migration.migrate(database, logs);
            } catch (Exception e) {
                String hint = options.embedded() ? "" : ". The sample needs an empty database, or one it ran on before: "
                        + "CREATE DATABASE blog, then --url jdbc:postgresql://<host>:<port>/blog";
                throw new IllegalStateException(migration.tool() + " could not migrate the blog: " + Errors.causes(e) + hint, e);
            }
            try (Connection connection = database.connect()) {
                new BlogStory(connection, printer).tell(migration.tool(), migrated);
            }
            return 0;
        } catch (Exception e) {
            printer.flush();
            err.println("error: " + Errors.causes(e));
            return 1;
        } finally {
            printer.flush();
        }
    }

}
