package dev.tviews.common.harness;

/** One of several classes running {@link HarnessContract} concurrently, each on its own database. */
class HarnessFirstTest extends HarnessContract {
}
