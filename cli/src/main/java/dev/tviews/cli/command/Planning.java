package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionRequest;
import dev.tviews.common.PlanRow;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.support.Json;
import dev.tviews.common.support.TextTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code tviews plan} and {@code tviews convert --plan}: what converting a schema would do; changes nothing. Without
 * an installed runtime the plan is made with one installed inside a transaction that is rolled back.
 */
final class Planning {

    private Planning() {
    }

    static int run(Connection connection, Catalog catalog, ConversionRequest request, String runtimeSchema, Output output)
            throws SQLException {
        String schema = request.schemas().get(0);
        catalog.requireSchema(schema, "-s/--schema");
        String installed = catalog.findRuntime(runtimeSchema);
        List<PlanRow> rows;
        if (installed != null) {
            rows = new AutoConverter(connection, installed).plan(request);
        } else {
            String target = catalog.newRuntimeSchema(runtimeSchema);
            output.note("the runtime is not installed in database " + catalog.database()
                    + "; planned with a temporary install that was rolled back (tviews install installs it)");
            connection.setAutoCommit(false);
            try {
                new RuntimeInstaller(connection).install(target);
                rows = new AutoConverter(connection, target).plan(request);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        print(schema, rows, output);
        return ExitCode.OK;
    }

    private static void print(String schema, List<PlanRow> rows, Output output) {
        if (output.json()) {
            output.printJson(Json.object("schema", schema, "entities", rows.stream().map(r -> Json.object(
                    "entity", r.entity(), "base_table", r.baseTable(), "backing_view", r.backingView(),
                    "action", r.action(), "select_sql", r.selectSql())).toList()));
            return;
        }
        if (rows.isEmpty()) {
            output.out().println("no tv_ tables in schema " + schema + ": nothing to convert");
            output.out().flush();
            return;
        }
        TextTable table = TextTable.of("ENTITY", "BASE TABLE", "BACKING VIEW", "ACTION").nullAs("n/a");
        for (PlanRow r : rows) {
            table.row(r.entity(), r.baseTable(), r.backingView(), r.action());
        }
        table.print(output.out());
        output.out().flush();
    }
}
