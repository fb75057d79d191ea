package dev.tviews.common.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's pg_dump and pg_restore of one major version, found on this machine. pg_dump refuses a server
 * newer than itself and the embedded server ships no client tools, so tests pair the server with client tools
 * of the same major: Debian's {@code postgresql-client-<major>} installs them in
 * {@code /usr/lib/postgresql/<major>/bin}; otherwise the ones on PATH are used if they are of that major.
 *
 * @param pgDump    the pg_dump executable
 * @param pgRestore the pg_restore executable next to it
 * @param version   what {@code pg_dump --version} printed
 */
record PgClientTools(Path pgDump, Path pgRestore, String version) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** The tools of {@code major}, or empty when this machine has none (the message of {@link #where} says where it looked). */
    static Optional<PgClientTools> find(int major) {
        for (Path dir : candidates(major)) {
            Path dump = dir.resolve("pg_dump");
            Path restore = dir.resolve("pg_restore");
            if (Files.isExecutable(dump) && Files.isExecutable(restore)) {
                String version = versionOf(dump);
                Matcher m = VERSION.matcher(version);
                if (m.find() && Integer.parseInt(m.group(1)) == major) {
                    return Optional.of(new PgClientTools(dump, restore, version));
                }
            }
        }
        return Optional.empty();
    }

    /** Where {@link #find} looks, for the message when it finds nothing. */
    static String where(int major) {
        return candidates(major).toString();
    }

    private static List<Path> candidates(int major) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of("/usr/lib/postgresql", Integer.toString(major), "bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        return dirs;
    }

    private static String versionOf(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
