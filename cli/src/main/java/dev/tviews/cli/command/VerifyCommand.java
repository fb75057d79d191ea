package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.CliException;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.operations.Verifier;
import dev.tviews.common.operations.VerifyResult;
import dev.tviews.common.support.Json;
import dev.tviews.common.support.TextTable;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tviews verify [entity]}: pg_tviews_verify, exit 1 when a TVIEW differs from its view. */
@Command(name = "verify",
        description = {"Compare each TVIEW with its view (pg_tviews_verify): rows missing, extra and differing.",
                "Exits 1 when any TVIEW differs; tviews refresh ENTITY rebuilds it."})
public final class VerifyCommand extends DatabaseCommand {

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Parameters(arity = "0..1", paramLabel = "ENTITY", description = "Only this TVIEW (post, tv_post or schema.tv_post).")
    private String entity;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        String runtime = catalog.requireRuntime(runtimeSchema.schema());
        List<VerifyResult> results = new Verifier(connection, runtime).verify(entity);
        List<VerifyResult> differing = results.stream().filter(r -> !r.exact()).toList();
        if (output.json()) {
            output.printJson(Json.object("tviews", results.stream().map(r -> Json.object("entity", r.entity(),
                    "missing_rows", r.missingRows(), "extra_rows", r.extraRows(), "differing_rows", r.differingRows(),
                    "exact", r.exact())).toList(), "exact", differing.isEmpty()));
        } else if (results.isEmpty()) {
            output.out().println("no TVIEWs registered: nothing to verify");
        } else {
            TextTable table = TextTable.of("ENTITY", "MISSING", "EXTRA", "DIFFERING", "RESULT").nullAs("n/a");
            for (VerifyResult r : results) {
                table.row(r.entity(), r.missingRows(), r.extraRows(), r.differingRows(), r.exact() ? "exact" : "DIFFERS");
            }
            table.print(output.out());
        }
        output.out().flush();
        if (!differing.isEmpty()) {
            throw new CliException(differing.size() + (differing.size() == 1 ? " TVIEW differs" : " TVIEWs differ")
                    + " from " + (differing.size() == 1 ? "its view" : "their views") + ": "
                    + differing.stream().map(r -> r.entity() + " (missing " + r.missingRows() + ", extra " + r.extraRows()
                            + ", differing " + r.differingRows() + ")").collect(Collectors.joining(", "))
                    + "; tviews refresh " + (differing.size() == 1 ? differing.get(0).entity() : "ENTITY")
                    + " rebuilds " + (differing.size() == 1 ? "it" : "one, tviews refresh all of them"));
        }
        return ExitCode.OK;
    }
}
