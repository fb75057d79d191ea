package dev.tviews.common;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One upgrade script of the runtime, {@code upgrade/<from>--<to>.sql} (as PostgreSQL names extension
 * upgrade scripts): the catalog changes and drops of old signatures that turn an install of runtime
 * {@code from} into one the definitions of {@code to} can be installed over.
 *
 * @param from the installed version this step starts from
 * @param to   the version it leads to
 * @param file the file name, relative to {@link RuntimeScript#RESOURCE_DIRECTORY}
 * @param sql  the script
 */
public record RuntimeUpgradeStep(String from, String to, String file, String sql) {

    private static final Pattern FILE = Pattern.compile("upgrade/(\\d+\\.\\d+\\.\\d+)--(\\d+\\.\\d+\\.\\d+)\\.sql");

    public RuntimeUpgradeStep {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
    }

    /** The step {@code file} names, with its {@code sql}; empty when the name is not {@code upgrade/<from>--<to>.sql}. */
    static Optional<RuntimeUpgradeStep> of(String file, String sql) {
        Matcher m = FILE.matcher(file);
        return m.matches() ? Optional.of(new RuntimeUpgradeStep(m.group(1), m.group(2), file, sql)) : Optional.empty();
    }
}
