package dev.tviews.cli.command;

import dev.tviews.common.ConversionRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tv_ tables {@code tviews convert} and {@code tviews plan} work on: a schema, filtered by entity (a picocli mixin). */
public final class ConversionOptions {

    @Option(names = {"-s", "--schema"}, paramLabel = "SCHEMA", defaultValue = "public",
            description = "Schema whose tv_* tables are converted (default: ${DEFAULT-VALUE}).")
    private String schema;

    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Convert only entities matching these glob patterns (post*, u?er; blog.* matches schema.entity).")
    private List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",",
            description = "Leave entities matching these glob patterns alone; wins over --include.")
    private List<String> exclude = new ArrayList<>();

    /** The schema given with -s/--schema. */
    String schema() {
        return schema;
    }

    /** The schema's entities, with --include and --exclude applied. */
    ConversionRequest request() {
        return ConversionRequest.of(schema).filtered(include, exclude);
    }
}
