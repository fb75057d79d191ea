package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.Output;
import java.sql.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tviews plan}: pg_tviews_auto_convert_plan, changing nothing. */
@Command(name = "plan",
        description = {"Show what tviews convert would do with each tv_* table of a schema (pg_tviews_auto_convert_plan);"
                + " changes nothing. The same as tviews convert --plan."})
public final class PlanCommand extends DatabaseCommand {

    @Mixin
    private ConversionOptions conversion;

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        return Planning.run(connection, catalog, conversion.request(), runtimeSchema.schema(), output);
    }
}
