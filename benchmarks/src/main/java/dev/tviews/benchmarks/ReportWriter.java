package dev.tviews.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes benchmarks.md and benchmarks.csv into a directory, keeping the hand-written analysis of benchmarks.md. */
public final class ReportWriter {

    private final Path directory;

    public ReportWriter(Path directory) {
        this.directory = directory;
    }

    public Path markdown() {
        return directory.resolve("benchmarks.md");
    }

    public Path csv() {
        return directory.resolve("benchmarks.csv");
    }

    public void write(RunResults run) throws IOException {
        Files.createDirectories(directory);
        String previous = Files.exists(markdown()) ? Files.readString(markdown(), StandardCharsets.UTF_8) : null;
        Files.writeString(markdown(), MarkdownReport.render(run, MarkdownReport.analysisOf(previous)), StandardCharsets.UTF_8);
        Files.writeString(csv(), CsvReport.render(run), StandardCharsets.UTF_8);
    }
}
