package dev.tviews.spring;

import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A new application as a user writes it: no code beyond this class, only properties. Started for real (web server
 * on a free port, actuator, Flyway or Liquibase) against a test database, in one schema of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {

    /** Starts the application on {@code schema} (created by Flyway/Liquibase, or here) with {@code properties} on top. */
    static ConfigurableApplicationContext start(TestDatabase db, String schema, String... properties) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.datasource.url", db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        defaults.put("spring.datasource.username", db.user());
        defaults.put("spring.datasource.password", db.password());
        defaults.put("spring.datasource.hikari.maximum-pool-size", "4");
        defaults.put("spring.flyway.schemas", schema);
        defaults.put("spring.liquibase.enabled", "false");
        defaults.put("server.port", "0");
        defaults.put("management.endpoints.web.exposure.include", "health,metrics");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(TestApp.class).properties(defaults).run(args(properties));
    }

    private static String[] args(String... properties) {
        String[] args = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            args[i] = "--" + properties[i];
        }
        return args;
    }

    /** GET on the application's port: the status code and the body. */
    static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET returning JSON. */
    static JsonNode json(ConfigurableApplicationContext context, String path) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(get(context, path).body());
    }

    /** Rows of tv_{entity} and v_{entity} that differ, compared as text on the view's columns (0 = exact). */
    static long differences(Connection c, String schema, String entity, String columns) throws SQLException {
        String tv = schema + ".tv_" + entity;
        String v = schema + ".v_" + entity;
        String sql = "SELECT count(*) FROM ((SELECT row(" + columns + ")::text FROM " + tv + " EXCEPT ALL SELECT row(" + columns
                + ")::text FROM " + v + ") UNION ALL (SELECT row(" + columns + ")::text FROM " + v + " EXCEPT ALL SELECT row("
                + columns + ")::text FROM " + tv + ")) d";
        return number(c, sql);
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
