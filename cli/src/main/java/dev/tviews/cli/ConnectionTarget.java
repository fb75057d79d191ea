package dev.tviews.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A resolved place to connect to, and how to say which one it is in an error.
 *
 * @param jdbcUrl     the JDBC URL
 * @param user        the user name (a {@code user} parameter in a given URL takes precedence, as in the driver)
 * @param password    the password, {@code null} to let the driver consult ~/.pgpass
 * @param description {@code host:port/database}, or the URL without its parameters
 * @param fromUrl     whether the target came from {@code --url} (decides which options an error points at)
 */
public record ConnectionTarget(String jdbcUrl, String user, String password, String description, boolean fromUrl) {

    /** Seconds to wait for the server before giving up (a silently dropped packet would otherwise hang). */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    static ConnectionTarget ofHost(String host, int port, String database, String user, String password) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String url = "jdbc:postgresql://" + h + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new ConnectionTarget(url, user, password, host + ":" + port + "/" + database, false);
    }

    static ConnectionTarget ofUrl(String url, String user, String password) {
        int query = url.indexOf('?');
        return new ConnectionTarget(url, user, password, query < 0 ? url : url.substring(0, query), true);
    }

    /** Connects (auto-commit on); a failure becomes one sentence naming the target and the options to check. */
    public Connection open() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "tviews");
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new CliException(explain(e), e);
        }
    }

    private String explain(SQLException e) {
        String prefix = "cannot connect to " + description + " as " + user + ": ";
        String where = fromUrl ? "check the host and port in --url" : "check -h/-p or PGHOST/PGPORT";
        Throwable cause = e.getCause();
        if (cause instanceof UnknownHostException) {
            return prefix + "unknown host " + cause.getMessage() + " (" + (fromUrl ? "check the host in --url" : "check -h or PGHOST") + ")";
        }
        if (cause instanceof ConnectException) {
            return prefix + "connection refused (" + where + ", and that PostgreSQL is running there)";
        }
        if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException) {
            return prefix + "no answer within " + CONNECT_TIMEOUT_SECONDS + " s (" + where + ", and firewalls in between)";
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String serverSaid = firstLine(e.getMessage());
        return switch (state) {
            case "3D000" -> prefix + serverSaid + " (" + (fromUrl ? "check the database in --url" : "check -d or PGDATABASE")
                    + "; psql -l lists the databases)";
            case "28P01" -> prefix + serverSaid + " (check -U/PGUSER, and the password in PGPASSWORD or ~/.pgpass)";
            case "28000" -> prefix + serverSaid + " (check -U/PGUSER, and that pg_hba.conf lets this user in from here)";
            case "08004" -> serverSaid != null && serverSaid.contains("password")
                    ? prefix + "the server wants a password and none was given (set PGPASSWORD, or add the password to ~/.pgpass)"
                    : prefix + serverSaid;
            default -> prefix + serverSaid + " (SQLSTATE " + (state.isEmpty() ? "none" : state) + ")";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message from the driver";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.startsWith("FATAL: ") ? line.substring(7) : line;
    }
}
