package dev.tviews.samples.liquibase;

import dev.tviews.common.support.TextTable;
import dev.tviews.samples.story.LogCapture;
import dev.tviews.samples.story.Migration;
import dev.tviews.samples.story.SampleDatabase;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.ConsoleUIService;
import liquibase.util.LiquibaseUtil;

/**
 * Runs {@code update} on {@code db/changelog/blog.xml} the way an application does with the Liquibase Java API
 * ({@link CommandScope}); the tviews change types are found on the classpath. {@code <tviews:autoConvert/>} prints
 * its report to Liquibase's console (its UI service), where the sample picks it up.
 */
final class LiquibaseMigration implements Migration {

    static final String CHANGELOG = "db/changelog/blog.xml";

    @Override
    public String tool() {
        return "Liquibase " + LiquibaseUtil.getBuildVersion();
    }

    @Override
    public Migrated migrate(SampleDatabase database, LogCapture logs) throws Exception {
        MessageCollector console = new MessageCollector();
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader()));
        scope.put(Scope.Attr.ui.name(), console);
        // No usage report to Liquibase's servers (4.30 and later ask for one unless told not to).
        scope.put("liquibase.analytics.enabled", false);
        CommandScope update = new CommandScope("update")
                .addArgumentValue("url", database.jdbcUrl())
                .addArgumentValue("changelogFile", CHANGELOG)
                // The update summary goes to the command's output; the story shows DATABASECHANGELOG instead.
                .setOutput(OutputStream.nullOutputStream());
        if (database.user() != null) {
            update.addArgumentValue("username", database.user());
        }
        if (database.password() != null) {
            update.addArgumentValue("password", database.password());
        }
        Map<String, List<String>> before = changeLogTable(database);
        logs.drain();
        Scope.child(scope, update::execute);

        List<String> report = new ArrayList<>(logs.drain());
        for (String message : console.messages()) {
            if (message.startsWith("tviews")) {
                report.addAll(message.lines().toList());
            }
        }
        return new Migrated(changeSetsRun(before, changeLogTable(database)), "<tviews:autoConvert/>, on Liquibase's console", report);
    }

    /**
     * The rows of Liquibase's DATABASECHANGELOG, each with when it was last run, in the order run. A changeSet that
     * the next update runs is new there or has a later date (runAlways changeSets keep their row and get RERAN).
     */
    private static Map<String, List<String>> changeLogTable(SampleDatabase database) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            try (ResultSet exists = st.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return rows;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, author, filename, dateexecuted::text, description, exectype "
                    + "FROM databasechangelog ORDER BY orderexecuted")) {
                while (rs.next()) {
                    rows.put(rs.getString(1) + "::" + rs.getString(2) + "::" + rs.getString(3), List.of(rs.getString(1),
                            rs.getString(2), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return rows;
    }

    /** The changeSets that ran between the two states of DATABASECHANGELOG. */
    private static TextTable changeSetsRun(Map<String, List<String>> before, Map<String, List<String>> after) {
        TextTable applied = TextTable.of("changeSet", "author", "changes", "result").withRule();
        after.forEach((key, row) -> {
            List<String> old = before.get(key);
            if (old == null || !old.get(2).equals(row.get(2))) {
                applied.row(row.get(0), row.get(1), changes(row.get(3)), row.get(4));
            }
        });
        return applied;
    }

    /**
     * Liquibase's description of a changeSet, shorter: {@code createTable tableName=tb_user; createTable
     * tableName=tb_post} becomes {@code createTable tb_user, tb_post}.
     */
    static String changes(String description) {
        Map<String, List<String>> byChange = new LinkedHashMap<>();
        for (String part : description.split(";\\s*")) {
            String[] words = part.strip().split("\\s+", 2);
            List<String> objects = byChange.computeIfAbsent(words[0], k -> new ArrayList<>());
            if (words.length > 1) {
                objects.add(words[1].replaceFirst("^[A-Za-z]+=", ""));
            }
        }
        List<String> parts = new ArrayList<>();
        byChange.forEach((change, objects) -> parts.add(objects.isEmpty() ? change : change + " " + String.join(", ", objects)));
        return String.join("; ", parts);
    }

    /** Liquibase's console, kept instead of printed: the sample prints tviews' part of it in its story. */
    static final class MessageCollector extends ConsoleUIService {

        private final List<String> messages = new ArrayList<>();

        @Override
        public void sendMessage(String message) {
            messages.add(message);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }
    }
}
