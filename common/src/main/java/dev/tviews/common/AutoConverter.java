package dev.tviews.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans and runs auto-convert of a schema's tv_ tables through the installed runtime
 * ({@code pg_tviews_auto_convert_plan} / {@code pg_tviews_auto_convert}). Uses the caller's
 * connection and transaction as they are.
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
        String sql = "SELECT entity, base_table, backing_view, select_sql, action FROM "
                + RuntimeInstaller.quoteIdent(runtimeSchema) + ".pg_tviews_auto_convert_plan(?) ORDER BY entity";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            List<PlanRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PlanRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new TViewsException("Planning the conversion of schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** Converts every tv_ table of {@code schema}; one failing entity doesn't undo the others. */
    public List<ConversionResult> convert(String schema) {
        String sql = "SELECT entity, status, message FROM " + RuntimeInstaller.quoteIdent(runtimeSchema)
                + ".pg_tviews_auto_convert(?) ORDER BY entity";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            List<ConversionResult> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ConversionResult(schema, rs.getString(1), ConversionStatus.of(rs.getString(2)), rs.getString(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new TViewsException("Converting the tv_ tables of schema " + schema + " failed: " + e.getMessage(), e);
        }
    }
}
