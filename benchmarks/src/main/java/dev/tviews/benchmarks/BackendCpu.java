package dev.tviews.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of a server process on this machine, from Linux's {@code /proc/<pid>/schedstat} (its
 * first field: nanoseconds its main thread ran on a CPU; a PostgreSQL backend has one thread). Used
 * for a backend of the embedded server, whose process is local: what a statement costs the server,
 * whatever the client and the other processes cost.
 */
final class BackendCpu {

    private BackendCpu() {
    }

    /** Nanoseconds the process has run, or empty where /proc does not say (another OS, a remote server). */
    static OptionalLong nanos(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "schedstat");
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(stat).strip().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
