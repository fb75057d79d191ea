package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackendCpuTest {

    @Test
    void aRunningProcessHasCpuTimeThatGrowsAsItWorks() {
        assumeTrue(Files.exists(Path.of("/proc/self/schedstat")), "Linux /proc with schedstat");
        long pid = ProcessHandle.current().pid();
        long before = BackendCpu.nanos(pid).orElseThrow();
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += i % 7;
        }
        assertThat(sum).isPositive();
        assertThat(BackendCpu.nanos(pid).orElseThrow()).isGreaterThan(before);
    }

    @Test
    void aProcessThatDoesNotExistHasNone() {
        assertThat(BackendCpu.nanos(Long.MAX_VALUE)).isEmpty();
    }
}
