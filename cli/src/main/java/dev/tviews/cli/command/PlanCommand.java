package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.Output;
import dev.tviews.common.ConversionRequest;
import java.sql.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tviews plan}: pg_tviews_auto_convert_plan, changing nothing. */
@Command(name = "plan",
        description = {"Show what tviews convert would do with each tv_* table of a schema (pg_tviews_auto_convert_plan);"
                + " changes nothing. The same as tviews convert --plan."})
public final class PlanCommand extends DatabaseCommand {

    @Option(names = {"-s", "--schema"}, paramLabel = "SCHEMA", defaultValue = "public",
            description = "Schema whose tv_* tables are planned (default: ${DEFAULT-VALUE}).")
    private String schema;

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        return Planning.run(connection, catalog, ConversionRequest.of(schema), runtimeSchema.schema(), output);
    }
}
