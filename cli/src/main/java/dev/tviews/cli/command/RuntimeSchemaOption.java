package dev.tviews.cli.command;

import picocli.CommandLine.Option;

/** {@code --runtime-schema} of the commands that work with an installed runtime (a picocli mixin). */
public final class RuntimeSchemaOption {

    @Option(names = "--runtime-schema", paramLabel = "SCHEMA",
            description = "Schema of the tviews runtime (default: the one schema that holds it).")
    private String schema;

    /** The schema given, or {@code null}: find the runtime. */
    String schema() {
        return schema;
    }
}
