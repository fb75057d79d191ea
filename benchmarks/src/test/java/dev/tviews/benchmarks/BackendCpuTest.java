package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackendCpuTest {

    @Test
    void aBusyProcessHasCpuTimeThatGrows() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/schedstat")), "Linux /proc with schedstat");
        // A process of its own, as a backend is (schedstat of a process is its main thread's).
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(100);
            long before = BackendCpu.nanos(busy.pid()).orElseThrow();
            Thread.sleep(300);
            assertThat(BackendCpu.nanos(busy.pid()).orElseThrow()).isGreaterThan(before);
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatDoesNotExistHasNone() {
        assertThat(BackendCpu.nanos(Long.MAX_VALUE)).isEmpty();
    }
}
