package dev.tviews.common;

import dev.tviews.common.support.Errors;
import dev.tviews.common.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans and runs auto-convert through the installed runtime: one call of {@code pg_tviews_auto_convert_plan} /
 * {@code pg_tviews_auto_convert} per request, whatever the number of schemas and entities. The runtime does the
 * work (each entity in a subtransaction of its own); this class only reads its rows. Uses the caller's connection
 * and transaction as they are.
 */
public final class AutoConverter {

    private final Connection connection;
    private final String runtimeSchema;

    /**
     * @param connection    the connection to use; never committed or closed here
     * @param runtimeSchema the schema the runtime is installed in
     */
    public AutoConverter(Connection connection, String runtimeSchema) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.runtimeSchema = Objects.requireNonNull(runtimeSchema, "runtimeSchema");
    }

    /** What converting {@code schema} would do; changes nothing. */
    public List<PlanRow> plan(String schema) {
        return plan(ConversionRequest.of(schema));
    }

    /** What {@link #convert(ConversionRequest)} would do; changes nothing. */
    public List<PlanRow> plan(ConversionRequest request) {
        List<PlanRow> rows = call("pg_tviews_auto_convert_plan", "schema_name, entity, base_table, backing_view, select_sql, action",
                request, "planning the conversion of", rs -> new PlanRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)));
        return sorted(rows, request, PlanRow::schema, PlanRow::entity);
    }

    /** Converts every tv_ table of {@code schema}; one failing entity doesn't undo the others. */
    public List<ConversionResult> convert(String schema) {
        return convert(ConversionRequest.of(schema));
    }

    /**
     * Converts what {@code request} names in one call of the runtime; one failing entity doesn't undo the others.
     * Rows come by schema (in the request's order), then entity.
     */
    public List<ConversionResult> convert(ConversionRequest request) {
        List<ConversionResult> rows = call("pg_tviews_auto_convert", "schema_name, entity, status, message, duration_ms",
                request, "converting the tv_ tables of", rs -> new ConversionResult(rs.getString(1), rs.getString(2),
                        ConversionStatus.of(rs.getString(3)), rs.getString(4), rs.getDouble(5)));
        return sorted(rows, request, ConversionResult::schema, ConversionResult::entity);
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** {@code SELECT columns FROM <runtime>.function(NULL, options)}, one {@code T} per row. */
    private <T> List<T> call(String function, String columns, ConversionRequest request, String doing, RowReader<T> reader) {
        String sql = "SELECT " + columns + " FROM " + Sql.qualified(runtimeSchema, function) + "(NULL, ?::jsonb)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, request.optionsJson());
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new TViewsException("tviews: " + doing + " " + String.join(", ", request.schemas()) + " failed: "
                    + Errors.withState(e), e);
        }
    }

    private static <T> List<T> sorted(List<T> rows, ConversionRequest request, java.util.function.Function<T, String> schema,
                                      java.util.function.Function<T, String> entity) {
        rows.sort(java.util.Comparator.<T>comparingInt(r -> request.schemas().indexOf(schema.apply(r)))
                .thenComparing(entity));
        return rows;
    }
}
