package dev.tviews.spring;

import dev.tviews.common.queue.DrainReport;
import dev.tviews.common.queue.QueueDrainer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the queue of async TVIEWs with common's {@link QueueDrainer}, on one background thread, when the
 * application has started and at least one async TVIEW is registered. Every {@code tviews.drainer.interval} it looks
 * for async entries; when there are some it takes the session advisory lock {@code hashtext('tviews drain')} with
 * {@code pg_try_advisory_lock}, so that one instance per database drains at a time (the others skip that round), and
 * drains until nothing is left. Stopped at shutdown: the thread is interrupted, which ends the drain after its
 * current batch (committed batches stay committed), and the lock goes with the connection.
 */
public class TViewsQueueWorker implements SmartLifecycle {

    /** The advisory lock key text: {@code pg_try_advisory_lock(hashtext('tviews drain'))}. */
    public static final String LOCK_NAME = "tviews drain";

    private static final Logger LOG = LoggerFactory.getLogger(TViewsQueueWorker.class);

    private final DataSource dataSource;
    private final TViewsStartup startup;
    private final Duration interval;
    private final int batchSize;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;

    public TViewsQueueWorker(DataSource dataSource, TViewsStartup startup, Duration interval, int batchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.startup = Objects.requireNonNull(startup, "startup");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.batchSize = batchSize;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (executor != null || startup.runtimeSchema() == null) {
                return;
            }
            long async = asyncTViews();
            if (async == 0) {
                LOG.info("tviews: no async TVIEW is registered; the queue drainer is not started");
                return;
            }
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "tviews-drainer");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::drainRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            executor = scheduler;
            LOG.info("tviews: queue drainer started for {} async TVIEW(s), every {} ms, batches of {}", async, interval.toMillis(), batchSize);
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (executor == null) {
                return;
            }
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("tviews: the queue drainer did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
            LOG.info("tviews: queue drainer stopped");
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return executor != null;
        }
    }

    /** One round: if async work is queued and no other drainer holds the lock, drain until nothing is left. */
    void drainRound() {
        String schema = Sql.quote(startup.runtimeSchema());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!asyncWorkQueued(connection, schema) || !tryLock(connection)) {
                return;
            }
            try {
                DrainReport report = new QueueDrainer(connection, startup.runtimeSchema()).withBatchSize(batchSize).drain();
                if (report.failed() > 0) {
                    LOG.warn("tviews: {} queue entries failed to refresh and stay queued (see pg_tview_queue.last_error)", report.failed());
                }
            } finally {
                unlock(connection);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("tviews: draining the queue failed, retrying in {} ms: {}", interval.toMillis(), e.getMessage());
        }
    }

    private long asyncTViews() {
        String sql = "SELECT pg_catalog.count(*) FROM " + Sql.quote(startup.runtimeSchema())
                + ".pg_tview_meta WHERE options->>'mode' = 'async'";
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            LOG.warn("tviews: could not count the async TVIEWs, the queue drainer is not started: {}", e.getMessage());
            return 0;
        }
    }

    private static boolean asyncWorkQueued(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM " + schema + ".pg_tview_queue WHERE reason = 'async')");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_catalog.pg_try_advisory_lock(pg_catalog.hashtext('" + LOCK_NAME + "'))");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void unlock(Connection connection) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtext('" + LOCK_NAME + "'))")) {
            ps.execute();
        } catch (SQLException e) {
            // the lock ends with the session anyway; the pool may keep the connection, so say so
            LOG.warn("tviews: releasing the drain lock failed (it is released when the connection closes): {}", e.getMessage());
        }
    }
}
