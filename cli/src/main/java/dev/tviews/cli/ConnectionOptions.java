package dev.tviews.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The connection options, named as psql names them, with the same environment variables as defaults. A JDBC URL
 * ({@code --url}) is the alternative to host, port and database.
 */
public final class ConnectionOptions {

    static final String JDBC_PREFIX = "jdbc:postgresql:";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME",
            description = "Database to connect to (default: $PGDATABASE, else the user name).")
    private String dbname;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST",
            description = "Server host (default: $PGHOST, else localhost). TCP only: a socket directory is not supported.")
    private String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Server port (default: $PGPORT, else 5432).")
    private Integer port;

    @Option(names = {"-U", "--username"}, paramLabel = "USER",
            description = "User name (default: $PGUSER, else the operating-system user). Password: $PGPASSWORD, else ~/.pgpass.")
    private String username;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "JDBC URL instead of -h/-p/-d, e.g. jdbc:postgresql://db.example.com:5432/mydb?sslmode=require.")
    private String url;

    /** Where to connect, from the options and then the environment. */
    public ConnectionTarget target(Environment env) {
        String user = username != null ? username : env.get("PGUSER") != null ? env.get("PGUSER") : env.osUser();
        String password = env.get("PGPASSWORD");
        if (url != null) {
            if (host != null || port != null || dbname != null) {
                throw usage("--url cannot be combined with -h/--host, -p/--port or -d/--dbname; put host, port and "
                        + "database into the URL");
            }
            if (!url.startsWith(JDBC_PREFIX)) {
                throw usage("--url must be a PostgreSQL JDBC URL starting with " + JDBC_PREFIX
                        + " (e.g. jdbc:postgresql://localhost:5432/mydb), not " + url);
            }
            return ConnectionTarget.ofUrl(url, user, password);
        }
        String h = host != null ? host : env.get("PGHOST") != null ? env.get("PGHOST") : "localhost";
        if (h.startsWith("/")) {
            throw usage((host != null ? "-h " : "PGHOST=") + h + " is a Unix socket directory; tviews connects over TCP: "
                    + "give a host name (e.g. -h localhost)");
        }
        int p;
        if (port != null) {
            p = port;
        } else if (env.get("PGPORT") != null) {
            try {
                p = Integer.parseInt(env.get("PGPORT").strip());
            } catch (NumberFormatException e) {
                throw usage("PGPORT=" + env.get("PGPORT") + " is not a port number; set it to one (e.g. 5432) or pass -p");
            }
        } else {
            p = 5432;
        }
        if (p < 1 || p > 65535) {
            throw usage((port != null ? "-p " : "PGPORT=") + p + " is not a port number (1 to 65535)");
        }
        String db = dbname != null ? dbname : env.get("PGDATABASE") != null ? env.get("PGDATABASE") : user;
        if (db.startsWith(JDBC_PREFIX)) {
            throw usage("-d takes a database name; pass a JDBC URL with --url");
        }
        return ConnectionTarget.ofHost(h, p, db, user, password);
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
