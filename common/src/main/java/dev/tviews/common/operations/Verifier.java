package dev.tviews.common.operations;

import dev.tviews.common.TViewsException;
import dev.tviews.common.support.Errors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Compares TVIEWs with their views through {@code pg_tviews_verify}; reads only. */
public final class Verifier {

    private final RuntimeCalls runtime;

    /**
     * @param connection    the connection to use; never committed or closed here
     * @param runtimeSchema the schema the runtime is installed in
     */
    public Verifier(Connection connection, String runtimeSchema) {
        this.runtime = new RuntimeCalls(connection, runtimeSchema);
    }

    /**
     * One row per TVIEW, by entity name ({@code entity} null: every registered TVIEW).
     *
     * @throws UnknownTViewException when {@code entity} is not registered
     */
    public List<VerifyResult> verify(String entity) {
        String sql = "SELECT entity, missing_rows, extra_rows, differing_rows FROM "
                + runtime.qualified("pg_tviews_verify(?)") + " ORDER BY entity";
        try {
            try (PreparedStatement ps = runtime.connection().prepareStatement(sql)) {
                ps.setString(1, entity);
                List<VerifyResult> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new VerifyResult(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw runtime.unlessUnknown(entity, e);
            }
        } catch (SQLException e) {
            throw new TViewsException("Verifying " + (entity == null ? "the TVIEWs" : "TVIEW " + entity) + " failed: "
                    + Errors.oneLine(e), e);
        }
    }
}
