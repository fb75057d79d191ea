package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the tool in-process, with an environment of the test's choosing, capturing stdout and stderr. */
final class Cli {

    /** What one run did. */
    record Run(int exitCode, String out, String err) {

        /** The stderr lines. */
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        /** The one stderr line of a run that must have failed (exit 1, one line). */
        String failureLine() {
            assertThat(exitCode).as("%s", this).isEqualTo(ExitCode.FAILED);
            assertThat(errLines()).as("%s", this).hasSize(1);
            return errLines().get(0);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env;

    private Cli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** An empty environment (no PG* variables). */
    static Cli withoutEnvironment() {
        return new Cli(Map.of());
    }

    /** The environment a psql user would have for {@code db}: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE. */
    static Cli withPgEnvironment(TestDatabase db) {
        URI uri = uri(db);
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort()));
        env.put("PGUSER", db.user());
        env.put("PGDATABASE", db.name());
        if (!db.password().isEmpty()) {
            env.put("PGPASSWORD", db.password());
        }
        return new Cli(env);
    }

    /** Only the password of {@code db} in the environment (PGPASSWORD), as a CI job would set it. */
    static Cli withPassword(TestDatabase db) {
        return db.password().isEmpty() ? new Cli(Map.of()) : new Cli(Map.of("PGPASSWORD", db.password()));
    }

    Cli with(String variable, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(variable, value);
        return new Cli(copy);
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = TViewsCli.commandLine(new Environment(env, "nobody-in-particular"));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code command}, then the connection as {@code --url URL -U USER}, then {@code more}. */
    Run runWithUrl(TestDatabase db, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--url", db.jdbcUrl(), "-U", db.user()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@link #runWithUrl} with only the password in the environment ({@link #withPassword}). */
    static Run runOn(TestDatabase db, String command, String... more) {
        return withPassword(db).runWithUrl(db, command, more);
    }

    /** {@link #runOn}, failing unless it exits 0: for set-ups. */
    static Run succeed(TestDatabase db, String command, String... more) {
        Run run = runOn(db, command, more);
        if (run.exitCode() != 0) {
            throw new AssertionError("tviews " + command + " failed during set-up: " + run);
        }
        return run;
    }

    /** {@code command}, then the connection as psql options {@code -h HOST -p PORT -U USER -d DB}, then {@code more}. */
    Run runWithPsqlOptions(TestDatabase db, String command, String... more) {
        URI uri = uri(db);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", db.user(), "-d", db.name()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    static URI uri(TestDatabase db) {
        return URI.create(db.jdbcUrl().substring("jdbc:".length()));
    }
}
