package dev.tviews.liquibase;

import dev.tviews.common.ConversionResult;
import java.util.List;

/** The per-entity auto-convert report as a small text table. */
final class ResultTable {

    private ResultTable() {
    }

    static String format(String schema, List<ConversionResult> results) {
        if (results.isEmpty()) {
            return "tviews auto-convert of schema " + schema + ": no tv_ tables found";
        }
        int entityWidth = "entity".length();
        int statusWidth = "status".length();
        for (ConversionResult r : results) {
            entityWidth = Math.max(entityWidth, r.entity().length());
            statusWidth = Math.max(statusWidth, r.status().name().length());
        }
        String format = "%-" + entityWidth + "s  %-" + statusWidth + "s  %s%n";
        StringBuilder table = new StringBuilder("tviews auto-convert of schema ").append(schema).append(':')
                .append(System.lineSeparator());
        table.append(String.format(format, "entity", "status", "message"));
        for (ConversionResult r : results) {
            table.append(String.format(format, r.entity(), r.status().name(), r.message() == null ? "" : r.message()));
        }
        return table.toString().stripTrailing();
    }
}
