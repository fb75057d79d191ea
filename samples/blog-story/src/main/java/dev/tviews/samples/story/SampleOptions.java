package dev.tviews.samples.story;

import java.util.Locale;

/**
 * The command line of a blog sample: nothing (an embedded PostgreSQL), or {@code --url} with optional
 * {@code --user} and {@code --password} for a database of yours.
 *
 * @param url      JDBC URL of the database to use, {@code null} for an embedded PostgreSQL
 * @param user     user name, {@code null} when not given (the URL may carry it)
 * @param password password, {@code null} when not given
 * @param help     whether {@code --help} was asked for
 */
public record SampleOptions(String url, String user, String password, boolean help) {

    /** How to call a sample; printed by {@code --help} and after a usage error. */
    public static final String USAGE = """
            Options (all optional; without --url an embedded PostgreSQL is started and thrown away afterwards):
              --url <jdbc:postgresql://host:port/db>   run against this database (an empty one: the sample creates tables)
              --user <name>                            user to connect as (or user=... in the URL)
              --password <password>                    its password (or password=... in the URL)
              --help                                   this text
            Through Maven: -Ddemo.args="--url jdbc:postgresql://localhost:5432/blog --user me --password secret\"""";

    /** Whether the sample starts its own embedded PostgreSQL. */
    public boolean embedded() {
        return url == null;
    }

    /**
     * Reads the arguments; {@code --name value} and {@code --name=value} both work.
     *
     * @throws UsageException naming the argument that is wrong and what is expected instead
     */
    public static SampleOptions parse(String... args) {
        String url = null;
        String user = null;
        String password = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--url", "--user", "--password" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value, e.g. " + example(name));
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--url" -> url = value;
                        case "--user" -> user = value;
                        default -> password = value;
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'; the sample takes --url, --user, "
                        + "--password and --help (nothing at all starts an embedded PostgreSQL)");
            }
        }
        if (url != null && !url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new UsageException("--url must be a PostgreSQL JDBC URL such as " + example("--url") + ", not '" + url + "'");
        }
        if (url == null && (user != null || password != null)) {
            throw new UsageException("--user and --password go with --url; without --url the sample uses an embedded "
                    + "PostgreSQL of its own");
        }
        return new SampleOptions(url, user, password, help);
    }

    private static String example(String option) {
        return switch (option) {
            case "--url" -> "jdbc:postgresql://localhost:5432/blog";
            case "--user" -> "--user postgres";
            default -> "--password secret";
        };
    }

    /** A wrong command line; the message says what to pass instead. */
    public static final class UsageException extends IllegalArgumentException {

        public UsageException(String message) {
            super(message);
        }
    }
}
