package dev.tviews.common.runtime;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The concurrent oracle ({@link ConcurrentOracleRun}) with READ COMMITTED writers, or the level
 * {@code -Dtviews.concurrent.isolation} names.
 */
@PostgresTest
class ConcurrentOracleTest {

    @Test
    void everyTViewEqualsItsViewAfterConcurrentWriters(TestDatabase db) throws Exception {
        String isolation = System.getProperty("tviews.concurrent.isolation", "READ COMMITTED");
        ConcurrentOracleRun.checkOracleAfterWriters(db, List.of(isolation), "read committed");
    }
}
