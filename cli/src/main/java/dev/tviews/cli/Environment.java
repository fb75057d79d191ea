package dev.tviews.cli;

import java.util.Map;
import java.util.Objects;

/**
 * What the tool reads from its process besides the arguments: the environment variables (PGHOST, PGPORT,
 * PGUSER, PGPASSWORD, PGDATABASE) and the operating-system user name (the default user, as for psql). Passed in,
 * so that tests run the tool with an environment of their own.
 *
 * @param variables the environment variables
 * @param osUser    the operating-system user name
 */
public record Environment(Map<String, String> variables, String osUser) {

    public Environment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** The process's own environment. */
    public static Environment system() {
        return new Environment(System.getenv(), System.getProperty("user.name", "postgres"));
    }

    /** The variable's value, or {@code null} when it is unset or empty (as libpq treats an empty one). */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
