package dev.tviews.common.queue;

import dev.tviews.common.TViewsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the queue of async TVIEWs (and any work left in {@code pg_tview_queue}): calls the runtime's
 * {@code pg_tviews_process_queue_details(batchSize)} again and again, each call a transaction of its own,
 * until a call finds nothing it can do (the queue is empty, or what is left is failing entries waiting for
 * their retry, or entries other workers hold), until {@link #withMaxItems(long) maxItems} entries were
 * handled, or until the thread is interrupted. Several drainers, in this process or others, may run at once:
 * the runtime hands each entry to one of them ({@code FOR UPDATE SKIP LOCKED}).
 *
 * <pre>{@code
 * DrainReport report = new QueueDrainer(dataSource, "public")
 *         .withBatchSize(500)
 *         .withMaxItems(100_000)
 *         .withProgress(p -> System.out.println("batch " + p.batch() + ": " + p.processedTotal() + " refreshed"))
 *         .drain();
 * }</pre>
 *
 * <p>Transactions: with a {@link DataSource}, the drainer borrows one connection per {@link #drain()}, in
 * auto-commit mode, and closes it. With a {@link Connection} in auto-commit mode every batch commits by
 * itself; with auto-commit off, the drainer <b>commits after every batch</b> (and rolls a failed batch back):
 * a batch holds row locks on its queue entries until its transaction ends, so batches must commit. The
 * connection is never closed here.
 *
 * <p>Rights: run it as the role owning the TVIEWs (the one that installed the runtime); entries of TVIEWs
 * the role may not refresh are left in the queue. Instances are immutable; {@code with...} return copies.
 */
public final class QueueDrainer {

    /** Entries per batch unless {@link #withBatchSize(int)} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(QueueDrainer.class);

    private final Connection connection;
    private final DataSource dataSource;
    private final String runtimeSchema;
    private final int batchSize;
    private final long maxItems;
    private final Consumer<DrainProgress> progress;

    /**
     * A drainer over one connection.
     *
     * @param connection    the connection to drain through; never closed here (see the class comment on commits)
     * @param runtimeSchema the schema the runtime is installed in
     */
    public QueueDrainer(Connection connection, String runtimeSchema) {
        this(Objects.requireNonNull(connection, "connection"), null, runtimeSchema, DEFAULT_BATCH_SIZE, Long.MAX_VALUE, p -> { });
    }

    /**
     * A drainer borrowing a connection from {@code dataSource} for each {@link #drain()}.
     *
     * @param dataSource    where connections come from
     * @param runtimeSchema the schema the runtime is installed in
     */
    public QueueDrainer(DataSource dataSource, String runtimeSchema) {
        this(null, Objects.requireNonNull(dataSource, "dataSource"), runtimeSchema, DEFAULT_BATCH_SIZE, Long.MAX_VALUE, p -> { });
    }

    private QueueDrainer(Connection connection, DataSource dataSource, String runtimeSchema, int batchSize, long maxItems,
                         Consumer<DrainProgress> progress) {
        this.connection = connection;
        this.dataSource = dataSource;
        this.runtimeSchema = Objects.requireNonNull(runtimeSchema, "runtimeSchema");
        this.batchSize = batchSize;
        this.maxItems = maxItems;
        this.progress = progress;
    }

    /**
     * Entries one batch (one call, one transaction) may handle; default {@value #DEFAULT_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public QueueDrainer withBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize + ".");
        }
        return new QueueDrainer(connection, dataSource, runtimeSchema, batchSize, maxItems, progress);
    }

    /**
     * Stops once this many entries were handled (refreshed or failed); default: no limit, drain until a
     * batch finds nothing to do.
     *
     * @throws IllegalArgumentException if {@code maxItems} is less than 1
     */
    public QueueDrainer withMaxItems(long maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("The maximum number of entries must be at least 1, got " + maxItems + ".");
        }
        return new QueueDrainer(connection, dataSource, runtimeSchema, batchSize, maxItems, progress);
    }

    /** Called after every committed batch, on the draining thread. */
    public QueueDrainer withProgress(Consumer<DrainProgress> progress) {
        return new QueueDrainer(connection, dataSource, runtimeSchema, batchSize, maxItems, Objects.requireNonNull(progress, "progress"));
    }

    /**
     * Drains until a batch finds nothing to do, {@code maxItems} entries were handled, or the thread is
     * interrupted (the interrupt flag stays set).
     *
     * @return what was done, and how many entries remain queued
     * @throws TViewsException if a batch fails (e.g. the runtime is missing or the role lacks rights); batches
     *                         committed before it stay committed
     */
    public DrainReport drain() {
        if (connection != null) {
            return drainThrough(connection);
        }
        try (Connection borrowed = dataSource.getConnection()) {
            borrowed.setAutoCommit(true);
            return drainThrough(borrowed);
        } catch (SQLException e) {
            throw new TViewsException("Draining the tviews queue failed: could not get a connection: " + e.getMessage(), e);
        }
    }

    private DrainReport drainThrough(Connection c) {
        long started = System.nanoTime();
        long processed = 0;
        long failed = 0;
        int batches = 0;
        String schema = '"' + runtimeSchema.replace("\"", "\"\"") + '"';
        String call = "SELECT entity, processed, failed FROM " + schema + ".pg_tviews_process_queue_details(?)";
        try {
            while (processed + failed < maxItems && !Thread.currentThread().isInterrupted()) {
                int size = (int) Math.min(batchSize, maxItems - processed - failed);
                Map<String, Integer> byEntity = new LinkedHashMap<>();
                long batchFailed = 0;
                try (PreparedStatement ps = c.prepareStatement(call)) {
                    ps.setInt(1, size);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byEntity.merge(rs.getString(1), rs.getInt(2), Integer::sum);
                            batchFailed += rs.getInt(3);
                        }
                    }
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    throw e;
                }
                batches++;
                long batchProcessed = byEntity.values().stream().mapToLong(Integer::longValue).sum();
                processed += batchProcessed;
                failed += batchFailed;
                LOG.debug("tviews drain: batch {} refreshed {} entries ({}), {} failed", batches, batchProcessed, byEntity, batchFailed);
                progress.accept(new DrainProgress(batches, processed, failed, byEntity, elapsed(started)));
                if (batchProcessed + batchFailed == 0) {
                    break;
                }
            }
            long remaining = remaining(c, schema);
            DrainReport report = new DrainReport(processed, failed, remaining, batches, elapsed(started));
            LOG.info("tviews drain: {} entries refreshed, {} failed attempts, {} remaining, in {} batches and {} ms",
                    processed, failed, remaining, batches, report.elapsed().toMillis());
            return report;
        } catch (SQLException e) {
            throw new TViewsException("Draining the tviews queue with " + schema + ".pg_tviews_process_queue_details failed after "
                    + batches + " committed batch(es) and " + processed + " refreshed entries: " + e.getMessage()
                    + " (is the tviews runtime installed in schema " + runtimeSchema + ", and does this role own the TVIEWs?)", e);
        }
    }

    private static long remaining(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".pg_tview_queue")) {
            rs.next();
            long n = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException rollbackFailure) {
            // logged, not thrown: the batch's own failure is the one that matters
            LOG.warn("tviews drain: rolling back a failed batch failed too: {}", rollbackFailure.getMessage());
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
