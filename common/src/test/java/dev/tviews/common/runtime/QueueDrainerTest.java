package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tviews.common.TViewsException;
import dev.tviews.common.queue.DrainProgress;
import dev.tviews.common.queue.DrainReport;
import dev.tviews.common.queue.QueueDrainer;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java drain loop: batches until nothing is left, a limit, progress after every batch, a report with
 * what was refreshed, what failed and what remains; over a Connection (auto-commit on or off) or a DataSource.
 *
 * <p>TVIEWs: d_item (async, tb_d_item; 10 / divisor fails for divisor 0), d_copy (async, reads tv_d_item).
 */
@PostgresTest
class QueueDrainerTest {

    @BeforeAll
    static void tviews(TestDatabase db) throws SQLException {
        RuntimeFixture.setUp(db, "CREATE TABLE tb_d_item (pk_d_item bigint PRIMARY KEY, divisor int NOT NULL DEFAULT 1)",
                "SELECT pg_tviews_create_or_replace('d_item', $q$SELECT pk_d_item, 10 / divisor AS tenth FROM tb_d_item$q$, "
                        + "'{\"mode\": \"async\"}')",
                "SELECT pg_tviews_create_or_replace('d_copy', $q$SELECT pk_d_item AS pk_d_copy, tenth FROM tv_d_item$q$, "
                        + "'{\"mode\": \"async\"}')");
    }

    @BeforeEach
    void empty(TestDatabase db) throws SQLException {
        RuntimeFixture.clearDataAndQueue(db, "DELETE FROM tb_d_item");
    }

    @Test
    void drainsInBatchesUntilNothingIsLeftReportingProgress(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO tb_d_item (pk_d_item) SELECT g FROM generate_series(1, 25) g");
            List<DrainProgress> progress = new ArrayList<>();
            DrainReport report = new QueueDrainer(c, "public").withBatchSize(10).withProgress(progress::add).drain();
            // 25 d_item keys, then the 25 d_copy keys their refresh queued; the last batch finds nothing
            assertThat(report.processed()).isEqualTo(50);
            assertThat(report.failed()).isZero();
            assertThat(report.remaining()).isZero();
            assertThat(report.batches()).isEqualTo(6);
            assertThat(report.elapsed()).isPositive();
            assertThat(progress).extracting(DrainProgress::batch).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(progress).extracting(DrainProgress::processedTotal).containsExactly(10L, 20L, 30L, 40L, 50L, 50L);
            assertThat(progress.get(2).batchByEntity()).containsExactly(entry("d_item", 5), entry("d_copy", 5));
            assertThat(staleTViews(c)).isEmpty();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void stopsAtMaxItemsAndReportsWhatRemains(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO tb_d_item (pk_d_item) SELECT g FROM generate_series(1, 25) g");
            DrainReport report = new QueueDrainer(c, "public").withBatchSize(10).withMaxItems(15).drain();
            assertThat(report.processed()).isEqualTo(15);
            assertThat(report.batches()).isEqualTo(2);
            assertThat(report.remaining()).isEqualTo(number(c, "SELECT count(*) FROM pg_tview_queue")).isEqualTo(10 + 15);
        }
    }

    @Test
    void failingEntriesAreCountedAndLeftQueued(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO tb_d_item (pk_d_item, divisor) VALUES (1, 1), (2, 0), (3, 2)");
            DrainReport report = new QueueDrainer(c, "public").drain();
            assertThat(report.processed()).isEqualTo(2 + 2);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.remaining()).isEqualTo(1);
            assertThat(number(c, "SELECT attempts FROM pg_tview_queue WHERE key = 2")).isEqualTo(1);
        }
    }

    @Test
    void commitsEveryBatchOnAConnectionWithAutoCommitOff(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Connection other = db.connect()) {
            exec(c, "INSERT INTO tb_d_item (pk_d_item) SELECT g FROM generate_series(1, 4) g");
            c.setAutoCommit(false);
            DrainReport report = new QueueDrainer(c, "public").withBatchSize(3).drain();
            assertThat(report.processed()).isEqualTo(8);
            assertThat(c.getAutoCommit()).isFalse();
            // committed: another session sees the result
            assertThat(number(other, "SELECT count(*) FROM tv_d_copy")).isEqualTo(4);
            assertThat(number(other, "SELECT count(*) FROM pg_tview_queue")).isZero();
            c.rollback();
        }
    }

    @Test
    void borrowsAConnectionFromADataSource(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO tb_d_item (pk_d_item) VALUES (1), (2)");
            List<Connection> borrowed = new ArrayList<>();
            DataSource dataSource = new DriverDataSource(db, borrowed);
            DrainReport report = new QueueDrainer(dataSource, "public").drain();
            assertThat(report.processed()).isEqualTo(4);
            assertThat(borrowed).hasSize(1);
            assertThat(borrowed.get(0).isClosed()).isTrue();
            assertThat(staleTViews(c)).isEmpty();
        }
    }

    @Test
    void badSettingsAndAMissingRuntimeAreNamed(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            QueueDrainer drainer = new QueueDrainer(c, "public");
            assertThatThrownBy(() -> drainer.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
            assertThatThrownBy(() -> drainer.withMaxItems(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> new QueueDrainer(c, "no_runtime_here").drain()).isInstanceOf(TViewsException.class)
                    .hasMessageContaining("no_runtime_here").hasMessageContaining("pg_tviews_process_queue_details");
        }
    }

    /** A minimal DataSource over the test database that remembers the connections it handed out. */
    private record DriverDataSource(TestDatabase db, List<Connection> handedOut) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = db.connect();
            handedOut.add(c);
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
