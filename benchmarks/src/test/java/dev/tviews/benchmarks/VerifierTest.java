package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The verifier passes exact TVIEWs, names a damaged one, and repairs it. */
@PostgresTest
class VerifierTest {

    @Test
    void aDamagedTViewIsNamedWithItsCountsAndRepairMakesItExactAgain(TestDatabase db) throws Exception {
        BlogSchema schema = new BlogSchema(20);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            new RuntimeInstaller(c).install();
            st.execute(schema.tables());
            st.execute(schema.data());
            st.execute("SELECT pg_tviews_create('post', $q$" + BlogSchema.postQuery("post") + "$q$)");
            st.execute("SELECT pg_tviews_create('user', $q$" + BlogSchema.userQuery("user") + "$q$)");
        }
        try (Session session = new Session(Variant.TVIEWS, db.connect())) {
            Verifier verifier = new Verifier(session);
            assertThat(verifier.verify("setup")).isEqualTo(2);

            session.rows("UPDATE tv_post SET data = '{}' WHERE pk_post IN (1, 2) RETURNING 1");
            assertThat(verifier.check("damage").stale()).containsExactly("TVIEW post: 0 missing, 0 extra, 2 differing rows");
            assertThatThrownBy(() -> verifier.verify("damage")).isInstanceOf(Verifier.StaleTViewException.class)
                    .hasMessageContaining("Not exact after damage: TVIEW post: 0 missing, 0 extra, 2 differing rows");

            verifier.repair();
            assertThat(verifier.check("repair").stale()).isEmpty();
        }
    }
}
