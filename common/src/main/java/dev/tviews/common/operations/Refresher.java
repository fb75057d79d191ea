package dev.tviews.common.operations;

import dev.tviews.common.TViewsException;
import dev.tviews.common.support.Errors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Full rebuilds of TVIEWs from their views ({@code pg_tviews_refresh}, {@code pg_tviews_refresh_all}); only rows
 * that differ are written. Runs in the connection's transaction as it is (with auto-commit on, each call is a
 * transaction of its own).
 */
public final class Refresher {

    private final RuntimeCalls runtime;

    /**
     * @param connection    the connection to use; never committed or closed here
     * @param runtimeSchema the schema the runtime is installed in
     */
    public Refresher(Connection connection, String runtimeSchema) {
        this.runtime = new RuntimeCalls(connection, runtimeSchema);
    }

    /**
     * Rebuilds one TVIEW ({@code post}, {@code tv_post} or {@code schema.tv_post}).
     *
     * @throws UnknownTViewException when it is not registered
     */
    public void refresh(String entity) {
        try {
            try (PreparedStatement ps = runtime.connection().prepareStatement("SELECT " + runtime.qualified("pg_tviews_refresh(?)"))) {
                ps.setString(1, entity);
                ps.execute();
            } catch (SQLException e) {
                throw runtime.unlessUnknown(entity, e);
            }
        } catch (SQLException e) {
            throw new TViewsException("Refreshing TVIEW " + entity + " failed: " + Errors.oneLine(e), e);
        }
    }

    /** Rebuilds every TVIEW, readers after what they read. */
    public RefreshAllResult refreshAll() {
        // MATERIALIZED: the refresh runs once, though its result is read twice.
        String sql = "SELECT ARRAY(SELECT pg_catalog.jsonb_array_elements_text(r -> 'order')), (r ->> 'duration_ms')::float8 "
                + "FROM (WITH x AS MATERIALIZED (SELECT " + runtime.qualified("pg_tviews_refresh_all()") + " AS r) SELECT r FROM x) y";
        try (Statement st = runtime.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> order = new ArrayList<>();
            for (Object name : (Object[]) rs.getArray(1).getArray()) {
                order.add((String) name);
            }
            return new RefreshAllResult(order, rs.getDouble(2));
        } catch (SQLException e) {
            throw new TViewsException("Refreshing every TVIEW failed: " + Errors.oneLine(e), e);
        }
    }
}
