package dev.tviews.benchmarks;

/**
 * Concurrent writers on one database: transactions per second over the repetitions, the committed
 * transactions and the retries (40001 serialization failures and 40P01 deadlocks) in all repetitions.
 */
public record ThroughputResult(int writers, Variant variant, Stats transactionsPerSecond, long committed,
                               long serializationRetries, long deadlockRetries) {
}
