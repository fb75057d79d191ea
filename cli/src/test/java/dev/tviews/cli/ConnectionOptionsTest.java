package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Connecting as psql does: -h/-p/-U/-d, --url, the PG* variables, and one-line errors that name the option to fix
 * (exit 1), or a usage error (exit 2) for options that contradict each other.
 */
@PostgresTest
class ConnectionOptionsTest {

    @Test
    void psqlOptionsConnect(TestDatabase db) {
        Cli.Run run = Cli.withPassword(db).runWithPsqlOptions(db, "install", "--json");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(Json.parse(run).get("schema").asText()).isEqualTo("public");
    }

    @Test
    void thePgVariablesAloneConnect(TestDatabase db) {
        Cli.Run run = Cli.withPgEnvironment(db).run("install", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("version").asText()).isNotBlank();
    }

    @Test
    void optionsWinOverTheVariables(TestDatabase db) {
        Cli.Run run = Cli.withPgEnvironment(db).with("PGDATABASE", "no_such_database").with("PGPORT", "1")
                .run("install", "-d", db.name(), "-p", String.valueOf(Cli.uri(db).getPort()));

        assertThat(run.exitCode()).as("%s", run).isZero();
    }

    @Test
    void aWrongPortIsOneLineNamingTheOptionsToCheck(TestDatabase db) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli.Run run = Cli.withPassword(db).run("status", "-h", "localhost", "-p", String.valueOf(closedPort), "-U", "postgres",
                "-d", "mydb");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("tviews: cannot connect to localhost:" + closedPort + "/mydb as postgres: "
                + "connection refused (check -h/-p or PGHOST/PGPORT, and that PostgreSQL is running there)");
    }

    @Test
    void aWrongPortInTheUrlPointsAtTheUrl(TestDatabase db) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli.Run run = Cli.withoutEnvironment().run("verify", "--url", "jdbc:postgresql://localhost:" + closedPort + "/x?ssl=false",
                "-U", "me");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.errLines()).containsExactly("tviews: cannot connect to jdbc:postgresql://localhost:" + closedPort
                + "/x as me: connection refused (check the host and port in --url, and that PostgreSQL is running there)");
    }

    @Test
    void anUnknownDatabaseNamesDashD(TestDatabase db) {
        Cli.Run run = Cli.withPgEnvironment(db).run("status", "-d", "no_such_database");

        assertThat(run.failureLine())
                .startsWith("tviews: cannot connect to ")
                .contains("no_such_database")
                .contains("does not exist")
                .endsWith("(check -d or PGDATABASE; psql -l lists the databases)");
    }

    @Test
    void anUnknownRoleNamesDashU(TestDatabase db) {
        Cli.Run run = Cli.withPgEnvironment(db).run("status", "-U", "no_such_role");

        assertThat(run.failureLine())
                .contains("as no_such_role: ")
                .contains("check -U/PGUSER");
    }

    @Test
    void noStackTraceUnlessVerbose(TestDatabase db) {
        Cli.Run quiet = Cli.withPgEnvironment(db).run("status", "-d", "no_such_database");
        assertThat(quiet.errLines()).hasSize(1);

        Cli.Run verbose = Cli.withPgEnvironment(db).run("status", "-d", "no_such_database", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(verbose.errLines().get(0)).isEqualTo(quiet.errLines().get(0));
        assertThat(verbose.err()).contains("CliException").contains("PSQLException").contains("\tat ");
    }

    @Test
    void urlAndHostOptionsTogetherAreAUsageError(TestDatabase db) {
        Cli.Run run = Cli.withoutEnvironment().run("status", "--url", db.jdbcUrl(), "-h", "localhost");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errLines()).containsExactly("tviews: --url cannot be combined with -h/--host, -p/--port or -d/--dbname; "
                + "put host, port and database into the URL (see tviews status --help)");
    }

    @Test
    void badConnectionValuesAreUsageErrors() {
        Cli.Run notJdbc = Cli.withoutEnvironment().run("status", "--url", "postgresql://localhost/db");
        assertThat(notJdbc.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notJdbc.errLines()).singleElement().asString().contains("must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");

        Cli.Run badPortVariable = Cli.withoutEnvironment().with("PGPORT", "fivefourthreetwo").run("status");
        assertThat(badPortVariable.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badPortVariable.errLines()).singleElement().asString().contains("PGPORT=fivefourthreetwo is not a port number");

        Cli.Run badPort = Cli.withoutEnvironment().run("status", "-p", "70000");
        assertThat(badPort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badPort.errLines()).singleElement().asString().startsWith("tviews: -p 70000 is not a port number");

        Cli.Run notANumber = Cli.withoutEnvironment().run("status", "-p", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notANumber.errLines()).singleElement().asString().contains("'abc'").endsWith("(see tviews status --help)");

        Cli.Run socket = Cli.withoutEnvironment().with("PGHOST", "/var/run/postgresql").run("status");
        assertThat(socket.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(socket.errLines()).singleElement().asString().contains("PGHOST=/var/run/postgresql is a Unix socket directory");
    }

    @Test
    void aDatabaseWithoutTheRuntimeSaysToInstallIt(TestDatabase db) throws Exception {
        Jdbc.exec(db, "CREATE DATABASE cli_empty");
        try {
            Cli.Run run = Cli.withPgEnvironment(db).run("verify", "-d", "cli_empty");

            assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(run.errLines()).containsExactly("tviews: the tviews runtime is not installed in database cli_empty; "
                    + "run tviews install (or tviews convert, which installs it and converts the tv_ tables)");
        } finally {
            Jdbc.exec(db, "DROP DATABASE cli_empty");
        }
    }
}
