package dev.tviews.liquibase;

import dev.tviews.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.CommandResults;
import liquibase.ChecksumVersion;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Runs Liquibase commands the way users do (CommandScope with a JDBC URL), on test resources. */
final class Liquibases {

    static {
        // No phone-home from the tests (Liquibase 4.30+ asks its analytics endpoint unless told not to).
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    private Liquibases() {
    }

    static CommandResults update(TestDatabase db, String changeLog) throws Exception {
        return run(command("update", db, changeLog));
    }

    static String updateSql(TestDatabase db, String changeLog) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(command("updateSql", db, changeLog).setOutput(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    static CommandResults rollbackCount(TestDatabase db, String changeLog, int count) throws Exception {
        return run(command("rollbackCount", db, changeLog).addArgumentValue("count", count));
    }

    static CommandResults validate(TestDatabase db, String changeLog) throws Exception {
        return run(command("validate", db, changeLog));
    }

    static CommandScope command(String name, TestDatabase db, String changeLog) throws Exception {
        return new CommandScope(name)
                .addArgumentValue("url", db.jdbcUrl())
                .addArgumentValue("username", db.user())
                .addArgumentValue("password", db.password())
                .addArgumentValue("changelogFile", changeLog);
    }

    static CommandResults run(CommandScope command) throws Exception {
        return Scope.child(Map.<String, Object>of(Scope.Attr.resourceAccessor.name(), resources()), command::execute);
    }

    /** The checksum of every changeSet of {@code changeLog}, by id, as Liquibase computes it now. */
    static Map<String, String> checksums(String changeLog) throws Exception {
        ResourceAccessor resources = resources();
        return Scope.child(Map.<String, Object>of(Scope.Attr.resourceAccessor.name(), resources), () -> {
            DatabaseChangeLog parsed = ChangeLogParserFactory.getInstance().getParser(changeLog, resources)
                    .parse(changeLog, new ChangeLogParameters(), resources);
            Map<String, String> sums = new LinkedHashMap<>();
            for (ChangeSet changeSet : parsed.getChangeSets()) {
                sums.put(changeSet.getId(), changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
            }
            return sums;
        });
    }

    private static ResourceAccessor resources() {
        return new ClassLoaderResourceAccessor(Liquibases.class.getClassLoader());
    }
}
