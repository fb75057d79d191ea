package dev.tviews.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: writes the psql install script ({@link RuntimeScript#psqlScript()}) to each path given as an
 * argument, creating parent directories. Run by exec-maven-plugin in the {@code process-classes} phase.
 */
public final class RuntimeScriptWriter {

    private RuntimeScriptWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: RuntimeScriptWriter <output.sql> [<output.sql>...]");
        }
        String text = RuntimeScript.load().psqlScript();
        for (String arg : args) {
            Path target = Path.of(arg).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        }
    }
}
